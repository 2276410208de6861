// A set's regrade or a course's roster import, as its page shows it: the progress while it runs
// (kept current by JobProgress), why it stopped if it failed lately, nothing once it is done (the
// page then shows its results: new grades and the history entry, or the import's report).
import type { TFunction } from "i18next";
import { JOB_ERRORS, type Job, type JobError } from "@/lib/jobs/runner";
import { JobProgress } from "./_job-progress";

/** How long a failure stays on the page. */
const FAILURE_SHOWN_MS = 60 * 60_000;

export function JobStatus({ job, t, now = new Date() }: { job: Job | null; t: TFunction; now?: Date }) {
  if (!job) return null;
  if (job.status === "queued" || job.status === "running") {
    const running = job.kind === "regrade" ? "teach.jobs.regrading" : job.kind === "paper" ? "teach.jobs.readingPaper" : "teach.jobs.importing";
    const text = { queued: t("teach.jobs.queued"), running: t(running), finished: t("teach.jobs.finished") };
    return <JobProgress jobId={job.id} initial={{ status: job.status, done: Math.min(job.done, job.total), total: job.total }} text={text} />;
  }
  const recent = job.finishedAt && now.getTime() - job.finishedAt.getTime() < FAILURE_SHOWN_MS;
  if (job.status !== "failed" || job.error === "superseded" || !recent) return null;
  const code: JobError = (JOB_ERRORS as readonly string[]).includes(job.error ?? "") ? (job.error as JobError) : "failed";
  return (
    <p role="alert" className="error-text">
      {t(job.kind === "regrade" ? "teach.jobs.regradeFailed" : job.kind === "paper" ? "teach.jobs.paperFailed" : "teach.jobs.importFailed", { reason: t(`teach.jobs.error.${code}`) })}
    </p>
  );
}
