// `npm run bench` (part 4): requests per second under load, with autocannon against the
// production build on a throwaway database: 10 concurrent connections, signed in as a student.
// Routes: the health probe (the framework's floor), the sign-in page (the floor of any page: the
// root layout around one small form), the exercise page, the live preview of a cell, a draft
// autosave, and a full graded submission (26 quantities, one mistake to diagnose).
//
// This machine is shared and noisy, so each route is measured between two runs of /api/health and
// given as a ratio of their mean, the median of several such rounds: the targets are the exercise
// page at 25% or more of the health probe's requests per second, a draft autosave at 50%, a graded
// submission at 40%. Also printed: the server's CPU time per request (all its threads), which
// other load disturbs far less.
import autocannon from "autocannon";
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startPractice, networkOf } from "../lib/course/work";
import { createClient } from "../lib/db/client";
import { toSolution } from "../lib/exercises/solution";
import { solve } from "../lib/nn/network";
import { prepare, ROOT, startApp } from "./app-server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

const file = join(ROOT, "tests", ".tmp", "load.db");
mkdirSync(join(ROOT, "tests", ".tmp"), { recursive: true });
for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
prepare(`file:${file}`);

// Practice variants (1,000 attempts each, one per connection) and a hand-rounded submission with one wrong Δ.
const db = createClient(`file:${file}`);
const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@handprop.test" } });
const practices = [];
for (let i = 0; i < CONNECTIONS; i++) practices.push(await startPractice(db, { id: alice.id, role: "student" }, "lecture-2-3-3-2-random"));
await db.$disconnect();
/** One submission per practice variant (each has its own numbers). */
const answersOf = (exerciseJson: string) => {
  const { net } = networkOf(exerciseJson);
  const solution = toSolution(solve(net), net.layout);
  const cells = (m: number[][] | number[]) => (Array.isArray(m[0]) ? (m as number[][]) : [m as number[]]).map((r) => r.map((x) => String(Number(x.toPrecision(4)))));
  const answers: Record<string, string[][]> = { "steps[0].loss": cells([solution.steps[0].loss]), loss_after: cells([solution.loss_after]) };
  solution.steps[0].layers.forEach((layer, l) => {
    for (const [key, value] of Object.entries(layer)) if (value !== undefined) answers[`steps[0].layers[${l}].${key}`] = cells(key === "delta" && l === 0 ? (value as number[][]).map((r) => r.map((x) => 2 * x)) : value);
  });
  return answers;
};
const submissions = practices.map((p) => ({ id: p.id, answers: answersOf(p.exerciseJson) }));

const app = await startApp(`file:${file}`, 3292);
await app.signIn("alice@handprop.test");
const dashboard = await (await app.get("/dashboard")).text();
const work = (await app.get(/href="(\/items\/[^"]+)"/.exec(dashboard)![1])).headers.get("location")!;
const variantId = work.split("/").pop()!;
const json = { "content-type": "application/json", cookie: app.cookie() };
const draftAnswers = submissions[0].answers;

/** The server's CPU time so far, in ms (user + system, every thread of every process of the app). */
function serverCpuMs(): number {
  let total = 0;
  for (const pid of app.pids()) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      /* not Linux, or the process is gone */
    }
  }
  return total;
}

interface Case {
  name: string;
  opts: Partial<autocannon.Options>;
  /** Target share of the health probe's requests per second. */
  target?: number;
}
let turn = 0;
const health: Case = { name: "GET /api/health", opts: { url: `${app.base}/api/health` } };
const cases: Case[] = [
  // The floor of any page of the app: the sign-in page is the root layout around one small form.
  { name: "GET /signin (the lightest page)", opts: { url: `${app.base}/signin` } },
  { name: "GET exercise page (signed in)", opts: { url: app.base + work, headers: { cookie: app.cookie() } }, target: 0.25 },
  { name: "POST /api/preview (a cell)", opts: { url: `${app.base}/api/preview`, method: "POST", headers: json, body: JSON.stringify({ text: "e^-2/(1+e^-2)" }) } },
  { name: "PUT draft autosave", opts: { url: `${app.base}/api/variants/${variantId}/draft`, method: "PUT", headers: json, body: JSON.stringify({ answers: draftAnswers }) }, target: 0.5 },
  {
    name: "POST graded submission (26 quantities)",
    opts: {
      url: `${app.base}/api/variants/${submissions[0].id}/submissions`,
      requests: [
        {
          method: "POST",
          headers: json,
          // Each request a new attempt (a fresh idempotency key), spread over the practice variants.
          setupRequest: (req) => {
            const s = submissions[turn++ % submissions.length];
            return { ...req, path: `/api/variants/${s.id}/submissions`, body: JSON.stringify({ answers: s.answers, idempotencyKey: randomUUID() }) };
          },
        },
      ],
    },
    target: 0.4,
  },
];

interface Run {
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  cpuPerRequest: number;
}
async function run(c: Case, seconds = SECONDS): Promise<Run> {
  const cpu0 = serverCpuMs();
  const r = await autocannon({ connections: CONNECTIONS, duration: seconds, ...c.opts } as autocannon.Options);
  const cpu = serverCpuMs() - cpu0;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, failed: r.errors + r.timeouts + r.non2xx, cpuPerRequest: r.requests.total ? cpu / r.requests.total : NaN };
}

// Warm-up: every route (the JIT, the caches of a variant's solved exercise and rendered givens), the health probe longest.
for (const c of [health, ...cases, health]) await run(c, c === health ? 4 : 2);

// Rounds: each route is measured ROUNDS times, each time between two runs of the health probe, and
// its ratio is the median of the rounds (the probe's own rate drifts by a fifth within a minute here).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
console.log(`\nload: ${CONNECTIONS} connections, ${SECONDS} s per run, production build, SQLite; each route ${ROUNDS} times between two runs of /api/health, the median ratio`);
console.log(`${"route".padEnd(42)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"errors".padStart(6)} ${"cpu ms/req".padStart(10)}  of health (target)`);
const line = (name: string, r: Run, tail = "") =>
  console.log(`${name.padEnd(42)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.failed).padStart(6)} ${r.cpuPerRequest.toFixed(2).padStart(10)}  ${tail}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The round whose ratio is the median, as the line to print. */
const middle = (runs: { r: Run; ratio: number }[]) => [...runs].sort((a, b) => a.ratio - b.ratio)[Math.floor(runs.length / 2)];
let before = await run(health);
const healthRuns: Run[] = [before];
const summary: string[] = [];
let failures = 0;
for (const c of cases) {
  const rounds: { r: Run; ratio: number }[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    const r = await run(c);
    const after = await run(health);
    healthRuns.push(after);
    rounds.push({ r, ratio: r.rps / ((before.rps + after.rps) / 2) });
    failures += r.failed;
    before = after;
  }
  const ratio = median(rounds.map((x) => x.ratio));
  const met = c.target === undefined ? "" : ratio >= c.target ? " ok" : " BELOW TARGET";
  const spread = rounds.map((x) => `${(100 * x.ratio).toFixed(0)}`).join("/");
  line(c.name, middle(rounds).r, `${(100 * ratio).toFixed(0)}% [${spread}]${c.target === undefined ? "" : ` (≥ ${100 * c.target}%)${met}`}`);
  if (c.target !== undefined) summary.push(`${c.name.split(" (")[0]} ${(100 * ratio).toFixed(0)}% of health (target ${100 * c.target}%)`);
}
const rates = healthRuns.map((h) => h.rps);
line(`${health.name} (median of ${rates.length} runs)`, healthRuns.find((h) => h.rps === median(rates))!, `its runs ranged ${Math.min(...rates).toFixed(0)} to ${Math.max(...rates).toFixed(0)} req/s`);
console.log(`ratios: ${summary.join("; ")}${failures ? `; ${failures} failed requests` : ""}`);
app.stop();
process.exit(0);
