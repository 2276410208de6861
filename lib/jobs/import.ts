// Importing a roster as a durable job: the CSV is read and checked first (bad rows are reported,
// as before), the new accounts' initial passwords are hashed in parallel with progress shown, and
// every account and enrolment is then written in ONE transaction together with the job's
// completion and the one-time report (initial passwords included) for the importing session. A
// failure, or a crash, adds nobody; the job is tried again from the start (new passwords: none
// was ever shown or stored). Initial passwords never touch the job's row.
import { csvReportTopic, keepOnce } from "../auth/once";
import { AppError } from "../errors";
import { courseTaughtBy } from "../teach/access";
import { importRoster, readRosterCsv } from "../teach/courses";
import { JobFailure, type Db, type Job, type JobHandler } from "./runner";

export interface ImportPayload {
  csv: string;
  /** The importing session: the report with the initial passwords is kept for it alone. */
  sessionId: string;
}

export interface ImportResult {
  added: number;
  created: number;
  rejected: number;
}

/** Queues a roster import for an instructor of the course; a CSV over 200 KB is refused here. */
export async function enqueueImport(db: Db, actor: { id: string; role: "student" | "instructor"; sessionId: string }, courseId: string, csv: string): Promise<Job> {
  await courseTaughtBy(db, actor, courseId);
  const { rows } = readRosterCsv(csv);
  const payload: ImportPayload = { csv, sessionId: actor.sessionId };
  return db.job.create({ data: { kind: "import", courseId, total: rows.length, payloadJson: JSON.stringify(payload), createdById: actor.id } });
}

/** How often hashing progress is written (the last row always is). */
const PROGRESS_EVERY_MS = 250;

export const importHandler: JobHandler = {
  async run(ctx) {
    const { job, db } = ctx;
    const p = JSON.parse(job.payloadJson) as ImportPayload;
    const actor = { id: job.createdById, role: "instructor" as const };
    try {
      await courseTaughtBy(db, actor, job.courseId);
    } catch (e) {
      if (e instanceof AppError) throw new JobFailure("gone", "the importing instructor no longer teaches the course");
      throw e;
    }
    const { rows, rejected } = readRosterCsv(p.csv);
    let written = 0;
    await importRoster(db, actor, job.courseId, rows, rejected, {
      onPrepared: async (done, total) => {
        if (done < total && Date.now() - written < PROGRESS_EVERY_MS) return;
        written = Date.now();
        await ctx.progress({ done, total });
      },
      inTransaction: async (tx, report) => {
        await keepOnce(tx, { id: job.createdById, sessionId: p.sessionId }, csvReportTopic(job.courseId), report);
        const result: ImportResult = { added: report.added.length, created: report.added.filter((a) => a.initialPassword).length, rejected: report.rejected.length };
        await ctx.complete(tx, result);
      },
    });
  },
};

/** The course's latest roster import, for its page. */
export function latestImport(db: Db, courseId: string) {
  return db.job.findFirst({ where: { courseId, kind: "import" }, orderBy: { createdAt: "desc" } });
}
