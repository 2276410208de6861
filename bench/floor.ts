// `npm run bench:floor`: what any page of a Next app costs on this machine, beside a route handler.
// bench/floor/ is a Next app with nothing of handprop's: an empty root layout, one page rendered at
// every request (a heading and a line), the same nonce-giving proxy in miniature, and the same
// /api/health route. Built with the repository's own Next, run with `next start`, measured as
// bench/load.ts measures handprop: autocannon, 10 connections, the page between two runs of the
// health probe, three rounds, the median share. It answers one question: how far below a share of
// the health probe's rate any page here must stay, whatever it renders (issue 10's exercise-page
// target is 25%).
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import autocannon from "autocannon";
import { ROOT } from "./app-server";
import { freePort } from "./production";

const APP = join(ROOT, "bench", "floor");
const NEXT = join(ROOT, "node_modules", "next", "dist", "bin", "next");
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = 3;

const built = spawnSync(process.execPath, [NEXT, "build"], { cwd: APP, env, stdio: ["ignore", "ignore", "inherit"] });
if (built.status !== 0) throw new Error("the floor app did not build");
const port = await freePort();
const server = spawn(process.execPath, [NEXT, "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: APP, env, stdio: "ignore" });
// However this script ends, the server ends with it.
process.on("exit", () => server.kill());
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
  if (i > 100) throw new Error("the floor app did not start within 10 s");
  await new Promise((r) => setTimeout(r, 100));
}

const rate = async (path: string, seconds = SECONDS) => (await autocannon({ url: base + path, connections: 10, duration: seconds })).requests.average;
// Warm-up: the JIT and both routes.
await rate("/api/health", 3);
await rate("/page", 3);
const rounds: number[] = [];
let before = await rate("/api/health");
const health = [before];
for (let k = 0; k < ROUNDS; k++) {
  const page = await rate("/page");
  const after = await rate("/api/health");
  health.push(after);
  rounds.push(page / ((before + after) / 2));
  before = after;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const share = median(rounds);
console.log(`\nfloor: a Next ${(await import("next/package.json", { with: { type: "json" } })).default.version} app with nothing in it, production build, 10 connections, ${SECONDS} s per run`);
console.log(`  /api/health             ${median(health).toFixed(0)} req/s (median of ${health.length} runs)`);
console.log(`  an empty page           ${(100 * share).toFixed(0)}% of health [${rounds.map((r) => (100 * r).toFixed(0)).join("/")}]`);
const room = (share / 0.25 - 1) * 100;
console.log(room > 0 ? `  at 25% of health, a page may cost ${room.toFixed(0)}% more than this empty one` : "  25% of health is beyond even this empty page");
process.exit(0);
