// This app process's job runner: started on the server's start (instrumentation.ts) and, in any
// case, on first use (a job queued, a progress poll). Every process runs one; they share the work
// through the database, and each picks up what a dead one left (lib/jobs/runner.ts).
// HANDPROP_JOBS=off keeps a process from running jobs (they wait for another one).
import "server-only";
import { prisma } from "../db/client";
import { env } from "../env";
import { jobRunner } from "./jobs";
import type { JobRunner } from "../jobs/runner";

const shared = globalThis as unknown as { handpropJobRunner?: JobRunner };

export const jobsEnabled = () => env().HANDPROP_JOBS !== "off";

/** The process's runner, started if it was not (null when jobs are off here). */
export function startJobRunner(): JobRunner | null {
  if (!jobsEnabled()) return null;
  shared.handpropJobRunner ??= jobRunner(prisma);
  shared.handpropJobRunner.start();
  return shared.handpropJobRunner;
}

/** A job was queued: start the runner if need be, and have it look now. */
export function kickJobs(): void {
  startJobRunner()?.wake();
}

/** Stops the process's runner after the job in hand (tests; a clean shutdown). */
export async function stopJobRunner(): Promise<void> {
  const runner = shared.handpropJobRunner;
  shared.handpropJobRunner = undefined;
  await runner?.stop();
}
