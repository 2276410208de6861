/** Bundles lib/run/worker.ts into .worker/worker.mjs for the worker pool. */
export function buildWorker(): Promise<void>;
