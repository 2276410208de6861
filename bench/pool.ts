// The worker pool's own cost per task: a trivial task (reading "1/3"), one at a time and ten in
// flight, timed from the request thread, with the process's CPU per task (all its threads).
// `npx tsx bench/pool.ts`; figures are in lib/workers/pool.ts (the choice of Piscina's atomics mode).
import { destroyPools, runTask } from "../lib/workers/pool";

await runTask("preview", { text: "1" });
for (const inFlight of [1, 10]) {
  const n = 2000;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let started = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (started++ < n) await runTask("preview", { text: "1/3" });
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  console.log(`pool: ${inFlight} in flight: ${((performance.now() - t0) / n).toFixed(3)} ms per task (wall), ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms of CPU per task`);
}
await destroyPools();
