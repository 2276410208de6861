// Runs once when a Next.js server starts: the durable job runner (lib/jobs/) begins looking for
// work at once, so jobs queued before a restart, or left by a process that died, are resumed even
// before anyone opens a page. Node.js only; never while building.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startJobRunner } = await import("./lib/run/app");
  startJobRunner();
}
