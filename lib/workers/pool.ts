// The worker-thread pool (piscina) that runs every CPU-heavy task of a request, so that one
// request never makes another wait: the event loop only parses, checks who is asking and talks to
// the database. Each task has a time limit; past it the task is cancelled (its thread is ended
// and replaced) and the caller gets a clear refusal instead of a hung request.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { AppError } from "../errors";
import type { Refusal, TaskInput, TaskName, TaskOutput } from "./tasks";

/** Time limits per task, in milliseconds; queueing counts. Generous: the bounds on what a cell or a
 *  template may ask keep honest tasks at milliseconds; the limit only cuts off what slips through. */
export const TIME_LIMITS: Record<TaskName, number> = { grade: 15_000, preview: 5_000, draw: 15_000, regrade: 60_000, builderPreview: 5_000 };

/** Long background work (regrades) has a pool of its own, so a request's task never queues behind it. */
const BACKGROUND: ReadonlySet<TaskName> = new Set(["regrade"]);

const WORKER = join(process.cwd(), ".worker", "worker.mjs");

const shared = globalThis as unknown as { handpropPool?: Piscina; handpropBackgroundPool?: Piscina };

function pool(task: TaskName): Piscina {
  if (BACKGROUND.has(task)) {
    shared.handpropBackgroundPool ??= new Piscina({ filename: WORKER, maxThreads: 1, minThreads: 0, idleTimeout: 30_000 });
    return shared.handpropBackgroundPool;
  }
  shared.handpropPool ??= new Piscina({
    filename: WORKER,
    // The request thread keeps running; on 2 cores two workers use the machine fully.
    maxThreads: Math.max(1, availableParallelism()),
    minThreads: 1,
    idleTimeout: 60_000,
  });
  return shared.handpropPool;
}

/** Runs a task in the pool within its time limit; a refusal the task returns is left to the caller. */
export async function runTask<N extends TaskName>(task: N, input: TaskInput<N>, limitMs = TIME_LIMITS[task]): Promise<TaskOutput<N>> {
  const signal = AbortSignal.timeout(limitMs);
  try {
    return (await pool(task).run({ task, input }, { signal })) as TaskOutput<N>;
  } catch (e) {
    if (signal.aborted) throw new AppError("INVALID_INPUT", `${task} took longer than ${limitMs} ms and was stopped`, undefined, "errors.tooSlow");
    throw e;
  }
}

export type { Refusal };

/** Ends the pools' threads (tests, and a process shutting down). */
export async function destroyPools(): Promise<void> {
  await Promise.all([shared.handpropPool?.destroy(), shared.handpropBackgroundPool?.destroy()]);
  shared.handpropPool = undefined;
  shared.handpropBackgroundPool = undefined;
}
