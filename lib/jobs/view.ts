// A job as its course's staff see it (progress polled by the set and course pages).
import { courseViewableBy } from "../access";
import { notFound } from "../errors";
import type { ActorRef } from "../access";
import type { Db, Job, JobStatus } from "./runner";

export interface JobView {
  id: string;
  kind: string;
  status: JobStatus;
  done: number;
  total: number;
  /** Why it failed (a code the pages word), when it did. */
  error: string | null;
}

export const viewOf = (job: Job): JobView => ({
  id: job.id,
  kind: job.kind,
  status: job.status as JobStatus,
  done: Math.min(job.done, job.total),
  total: job.total,
  error: job.error,
});

/** The job, for its course's staff (instructors and TAs); anyone else: "not found" (a student: "forbidden"). */
export async function jobView(db: Db, actor: ActorRef, jobId: string): Promise<JobView> {
  const job = /^[\w-]{1,64}$/.test(jobId) ? await db.job.findUnique({ where: { id: jobId } }) : null;
  if (!job) throw notFound("job not found");
  await courseViewableBy(db, actor, job.courseId);
  return viewOf(job);
}
