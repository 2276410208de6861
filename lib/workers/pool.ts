// The worker-thread pool (piscina) that runs every CPU-heavy task of a request, so that one
// request never makes another wait: the event loop only parses, checks who is asking and talks to
// the database. Each task has a time limit; past it the task is cancelled (its thread is ended
// and replaced) and the caller gets a clear refusal instead of a hung request.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Piscina } from "piscina";
import { AppError } from "../errors";
import type { Refusal, TaskInput, TaskName, TaskOutput } from "../run/tasks";

/** Time limits per task, in milliseconds; queueing counts. Generous: the bounds on what a cell or a
 *  template may ask keep honest tasks at milliseconds; the limit only cuts off what slips through. */
export const TIME_LIMITS: Record<TaskName, number> = { grade: 15_000, gradeRecord: 15_000, preview: 5_000, draw: 15_000, regrade: 60_000, builderPreview: 5_000, explain: 5_000, scrypt: 30_000, paper: 15_000, read: 5_000 };

/**
 * Which pool runs a task. "interactive": what a student waits for at every step (grading, a cell's
 * preview), milliseconds each. "draw": a new variant's draw (tens to hundreds of ms), so that a student
 * opening an exercise never holds up someone's grading. "builder": an instructor's template
 * preview, which may search for seconds before it is cut off. "background": regrades, long and
 * patient. "hashing": slow password hashes (half a second and 128 MiB each), one at a time, on a
 * thread at a lower CPU priority (nice 10), so that a burst of sign-ins takes the cores only when
 * requests leave them idle (lib/auth/password.ts). Each pool queues on its own, so no task waits
 * behind another kind.
 */
type PoolKind = "interactive" | "draw" | "builder" | "background" | "hashing";
const POOL_OF: Record<TaskName, PoolKind> = { grade: "interactive", gradeRecord: "interactive", preview: "interactive", draw: "draw", builderPreview: "builder", regrade: "background", explain: "interactive", scrypt: "hashing", paper: "background", read: "interactive" };
/** The nice value of the hashing pool's thread: requests first, yet a hash still finishes on a busy machine. */
export const HASHING_NICE = 10;

/**
 * Threads of the interactive pool: one core is the request thread's. With more runnable threads
 * than cores, a thread holding a message port's lock is preempted and the request thread waits a
 * time slice in postMessage (the measurements: docs/decisions/002-worker-pools.md).
 */
const INTERACTIVE_THREADS = Math.max(1, availableParallelism() - 1);

const WORKER = join(process.cwd(), ".worker", "worker.mjs");

/**
 * How a worker learns of a new task. Piscina's default ("sync") has an idle worker block in
 * Atomics.wait and take tasks synchronously, which under load costs the request thread time per
 * task; "async" waits the same way without blocking the worker's event loop (bench/pool.ts
 * measures both; docs/benchmarks.md has the figures).
 */
const ATOMICS = "async" as const;

type Pools = Partial<Record<PoolKind, Piscina>>;
const shared = globalThis as unknown as { handpropPools?: Pools };

/**
 * Each pool's threads. The draw pool keeps its thread once started: students open exercises in
 * bursts, and a thread ended after a quiet half-minute made the next burst wait for a new one to
 * load and warm up (the first seconds of `npm run load`). Builder previews and regrades are rare:
 * theirs end. The hashing thread is kept five quiet minutes (a new one first loads the worker
 * bundle, half a second here) and lowers its own priority.
 */
const POOL_OPTIONS: Record<PoolKind, { maxThreads: number; minThreads: number; idleTimeout: number; workerData?: { nice: number } }> = {
  interactive: { maxThreads: INTERACTIVE_THREADS, minThreads: 1, idleTimeout: 60_000 },
  draw: { maxThreads: 1, minThreads: 1, idleTimeout: 30_000 },
  builder: { maxThreads: 1, minThreads: 0, idleTimeout: 30_000 },
  background: { maxThreads: 1, minThreads: 0, idleTimeout: 30_000 },
  hashing: { maxThreads: 1, minThreads: 0, idleTimeout: 300_000, workerData: { nice: HASHING_NICE } },
};

function pool(task: TaskName): Piscina {
  const pools = (shared.handpropPools ??= {});
  const kind = POOL_OF[task];
  return (pools[kind] ??= new Piscina({ filename: WORKER, atomics: ATOMICS, ...POOL_OPTIONS[kind] }));
}

/** Tasks of this kind waiting for a thread (not counting the ones running). */
export const waitingFor = (task: TaskName): number => shared.handpropPools?.[POOL_OF[task]]?.queueSize ?? 0;

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
  const pools = shared.handpropPools ?? {};
  shared.handpropPools = undefined;
  await Promise.all(Object.values(pools).map((p) => p.destroy()));
}
