// Types for build-stale.mjs, used from the TypeScript benchmarks.
export function buildIsStale(root: string): boolean;
