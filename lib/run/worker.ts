// The worker threads' entry point (bundled to .worker/worker.mjs by scripts/build-worker.mjs).
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { workerData } from "node:worker_threads";
import { TASKS, type TaskName } from "./tasks";

// A pool may ask its threads (through piscina's workerData) to run at a lower CPU priority, a higher
// nice value. On Linux the nice value belongs to a thread, found by its id in /proc/thread-self;
// elsewhere the thread keeps the process's priority.
const nice = (workerData as { nice?: number } | undefined)?.nice;
if (nice) {
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), nice);
  } catch {}
}

export default function run({ task, input }: { task: TaskName; input: unknown }): unknown {
  const f = TASKS[task] as (input: unknown) => unknown;
  if (!f) throw new Error(`unknown task ${String(task)}`);
  return f(input);
}
