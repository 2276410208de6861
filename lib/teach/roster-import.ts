// Importing a roster as a durable job: the CSV is read and checked first (bad rows are reported,
// as before), the new accounts' initial passwords are hashed in parallel with progress shown, and
// every account and enrolment is then written in ONE transaction together with the job's
// completion, the one-time report (initial passwords included) and the password sheet (one CSV
// download, lib/teach/roster-passwords.ts) for the importing session. A
// failure, or a crash, adds nobody; the job is tried again from the start (new passwords: none
// was ever shown or stored). Initial passwords never touch the job's row.
import { csvReportTopic, keepOnce } from "../auth/once";
import { AppError } from "../errors";
import { courseTaughtBy } from "../access";
import { importRoster } from "./courses";
import { readRosterCsv, readRosterInput } from "./roster-csv";
import { addToPasswordSheet } from "./roster-passwords";
import { JobFailure, type Db, type Job, type JobHandler } from "../jobs/runner";

export interface ImportPayload {
  /** The roster as text (decoded from the upload's bytes when it was queued). */
  csv: string;
  /** The importing session: the report with the initial passwords is kept for it alone. */
  sessionId: string;
}

export interface ImportResult {
  added: number;
  created: number;
  /** Rows of students enrolled already. */
  already: number;
  rejected: number;
}

/**
 * Queues a roster import for an instructor of the course. The upload is decoded here (UTF-8 or
 * Shift_JIS), so a CSV over 200 KB or in neither encoding is refused before anything is queued.
 */
export async function enqueueImport(db: Db, actor: { id: string; role: "student" | "instructor"; sessionId: string }, courseId: string, csv: string | Uint8Array): Promise<Job> {
  await courseTaughtBy(db, actor, courseId);
  const { rows, text } = readRosterInput(csv);
  const payload: ImportPayload = { csv: text, sessionId: actor.sessionId };
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
        const session = { id: job.createdById, sessionId: p.sessionId };
        await keepOnce(tx, session, csvReportTopic(job.courseId), report);
        const sheet = report.added.flatMap((a) => (a.initialPassword ? [{ name: a.name, email: a.email, password: a.initialPassword }] : []));
        await addToPasswordSheet(tx, session, job.courseId, sheet);
        const created = sheet.length;
        const result: ImportResult = { added: report.added.length, created, already: report.already?.length ?? 0, rejected: report.rejected.length };
        await ctx.complete(tx, result);
      },
    });
  },
};

/** The course's latest roster import, for its page. */
export function latestImport(db: Db, courseId: string) {
  return db.job.findFirst({ where: { courseId, kind: "import" }, orderBy: { createdAt: "desc" } });
}
