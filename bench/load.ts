// `npm run bench` (part 4): requests per second under load, with autocannon against the
// production build on a throwaway database: 10 concurrent connections, signed in as a student.
// Routes: the health probe (baseline), the exercise page, the live preview of a cell, a draft
// autosave, and a full graded submission (26 quantities, one mistake to diagnose).
import autocannon from "autocannon";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startPractice, networkOf } from "../lib/course/work";
import { createClient } from "../lib/db/client";
import { toSolution } from "../lib/exercises/solution";
import { solve } from "../lib/nn/network";
import { prepare, ROOT, startApp } from "./app-server";

const file = join(ROOT, "tests", ".tmp", "load.db");
mkdirSync(join(ROOT, "tests", ".tmp"), { recursive: true });
rmSync(file, { force: true });
prepare(`file:${file}`);

// A practice variant (1,000 attempts allowed) and a hand-rounded submission with one wrong Δ.
const db = createClient(`file:${file}`);
const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@handprop.test" } });
const practice = await startPractice(db, { id: alice.id, role: "student" }, "lecture-2-3-3-2-random");
await db.$disconnect();
const { net } = networkOf(practice.exerciseJson);
const solution = toSolution(solve(net), net.layout);
const cells = (m: number[][] | number[]) => (Array.isArray(m[0]) ? (m as number[][]) : [m as number[]]).map((r) => r.map((x) => String(Number(x.toPrecision(4)))));
const answers: Record<string, string[][]> = { "steps[0].loss": cells([solution.steps[0].loss]), loss_after: cells([solution.loss_after]) };
solution.steps[0].layers.forEach((layer, l) => {
  for (const [key, value] of Object.entries(layer)) if (value !== undefined) answers[`steps[0].layers[${l}].${key}`] = cells(key === "delta" && l === 0 ? (value as number[][]).map((r) => r.map((x) => 2 * x)) : value);
});

const app = await startApp(`file:${file}`, 3292);
await app.signIn("alice@handprop.test");
const dashboard = await (await app.get("/dashboard")).text();
const work = (await app.get(/href="(\/items\/[^"]+)"/.exec(dashboard)![1])).headers.get("location")!;
const variantId = work.split("/").pop()!;
const json = { "content-type": "application/json", cookie: app.cookie() };

interface Case {
  name: string;
  opts: Partial<autocannon.Options>;
}
const cases: Case[] = [
  { name: "GET /api/health", opts: { url: `${app.base}/api/health` } },
  { name: "GET exercise page (signed in)", opts: { url: app.base + work, headers: { cookie: app.cookie() } } },
  { name: "POST /api/preview (a cell)", opts: { url: `${app.base}/api/preview`, method: "POST", headers: json, body: JSON.stringify({ text: "e^-2/(1+e^-2)" }) } },
  { name: "PUT draft autosave", opts: { url: `${app.base}/api/variants/${variantId}/draft`, method: "PUT", headers: json, body: JSON.stringify({ answers }) } },
  {
    name: "POST graded submission (26 quantities)",
    opts: {
      url: `${app.base}/api/variants/${practice.id}/submissions`,
      amount: 600,
      requests: [{ method: "POST", headers: json, setupRequest: (req) => ({ ...req, body: JSON.stringify({ answers, idempotencyKey: randomUUID() }) }) }],
    },
  },
];

console.log(`\nload: 10 connections, 5 s per route (the submission route: 600 requests), production build, SQLite`);
console.log(`${"route".padEnd(42)} ${"req/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}  errors`);
for (const c of cases) {
  const r = await autocannon({ connections: 10, duration: 5, ...c.opts } as autocannon.Options);
  const failed = r.errors + r.timeouts + r.non2xx;
  console.log(`${c.name.padEnd(42)} ${r.requests.average.toFixed(0).padStart(8)} ${String(r.latency.p50).padStart(8)} ${String(r.latency.p99).padStart(8)}  ${failed}`);
}
app.stop();
process.exit(0);
