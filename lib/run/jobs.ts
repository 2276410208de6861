// The kinds of durable job and what each does; a runner for any database client. The top floor:
// the only place that knows every domain's job handler (the runner itself is lib/jobs/runner.ts).
import { ltiScoreHandler } from "../lti/ags";
import { ltiRosterHandler } from "../lti/nrps";
import { importHandler } from "../teach/roster-import";
import { regradeHandler } from "../teach/regrade";
import { paperHandler } from "../teach/paper";
import { JobRunner, type Db, type Handlers, type RunnerOptions } from "../jobs/runner";

export const HANDLERS: Handlers = { regrade: regradeHandler, import: importHandler, "lti-score": ltiScoreHandler, "lti-roster": ltiRosterHandler, paper: paperHandler };

export function jobRunner(db: Db, options?: RunnerOptions): JobRunner {
  return new JobRunner(db, HANDLERS, options);
}

/** Runs every claimable job to its end, here and now (tests, scripts). */
export async function runJobsNow(db: Db, options?: RunnerOptions): Promise<number> {
  return jobRunner(db, options).drain();
}
