// The worker threads' entry point (bundled to .worker/worker.mjs by scripts/build-worker.mjs).
import { TASKS, type TaskName } from "./tasks";

export default function run({ task, input }: { task: TaskName; input: unknown }): unknown {
  const f = TASKS[task] as (input: unknown) => unknown;
  if (!f) throw new Error(`unknown task ${String(task)}`);
  return f(input);
}
