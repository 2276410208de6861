import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { seedDemo, DEMO_PASSWORD } from "../lib/course/demo";
import { createClient } from "../lib/db/client";
import { networkOf } from "../lib/course/work";
import { toSolution } from "../lib/exercises/solution";
import { solve } from "../lib/nn/network";
import { startDatabase, freePort } from "./production";
const database = await startDatabase();
const db = createClient(database.url);
await seedDemo(db);
const port = await freePort(); const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [...(process.env.PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/hp/prof"] : []), "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], { env: { ...process.env, NODE_ENV: "production", DATABASE_URL: database.url, NEXTAUTH_SECRET: "x".repeat(40), NEXTAUTH_URL: base }, stdio: "inherit" });
for (let i = 0; i < 200; i++) { try { if ((await fetch(base + "/api/health")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 100)); }
const jar = new Map<string, string>();
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
async function get(path: string, init: RequestInit = {}) {
  const res = await fetch(base + path, { ...init, redirect: "manual", headers: { ...(init.headers as any), cookie: cookie() } });
  for (const c of res.headers.getSetCookie()) { const [pair] = c.split(";"); jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)); }
  await res.arrayBuffer(); return res;
}
const cpu = () => { const f = readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
const { csrfToken } = (await (await fetch(base + "/api/auth/csrf", { headers: {} })).json()) as any;
const r0 = await fetch(base + "/api/auth/csrf"); for (const c of r0.headers.getSetCookie()) { const [pair] = c.split(";"); jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)); }
const tok = (await r0.json() as any).csrfToken;
await get("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken: tok, email: "alice@handprop.test", password: DEMO_PASSWORD }).toString() });
const dash = await (await fetch(base + "/dashboard", { headers: { cookie: cookie() } })).text();
const items = [...dash.matchAll(/href="(\/items\/[^"]+)"/g)].map((m) => m[1]);
const work = (await get(items[0])).headers.get("location")!;
const vid = work.split("/").pop()!;
const v = await db.variant.findUniqueOrThrow({ where: { id: vid } });
const { net } = networkOf(v.exerciseJson); const sol = toSolution(solve(net), net.layout);
const cells = (m: any) => (Array.isArray(m[0]) ? m : [m]).map((r: number[]) => r.map((x) => String(Number(x.toPrecision(4)))));
const answers: Record<string, string[][]> = { "steps[0].loss": cells([sol.steps[0].loss]), loss_after: cells([sol.loss_after]) };
sol.steps[0].layers.forEach((layer: any, l: number) => { for (const [k, val] of Object.entries(layer)) if (val !== undefined) answers[`steps[0].layers[${l}].${k}`] = cells(val); });
const sub = await fetch(base + `/api/variants/${vid}/submissions`, { method: "POST", headers: { "content-type": "application/json", cookie: cookie() }, body: JSON.stringify({ answers, idempotencyKey: randomUUID() }) });
const { url } = (await sub.json()) as any;
const routes: [string, () => Promise<unknown>][] = [
  ["health", () => get("/api/health")],
  ["dashboard", () => get("/dashboard")],
  ["item redirect", () => get(items[0])],
  ["work page", () => get(work)],
  ["draft", () => get(`/api/variants/${vid}/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ answers }) })],
  ["result page", () => get(url)],
  ["csrf", () => get("/api/auth/csrf")],
];
const N = Number(process.env.N ?? 60);
{ const r = await fetch(base + items[0], { redirect: "manual", headers: { cookie: cookie(), "accept-encoding": "gzip" } }); const b = await r.arrayBuffer(); console.log("item redirect", r.status, r.headers.get("location"), r.headers.get("content-encoding"), b.byteLength, [...r.headers.keys()].join(",")); }
{ const r = await fetch(base + items[0], { redirect: "manual", headers: { cookie: cookie() } }); const b = await r.text(); console.log("item redirect plain", r.status, b.length, b.slice(0, 300)); }
for (const round of [0, 1]) for (const [name, f] of routes.filter(([n]) => !process.env.ONLY || n === process.env.ONLY)) {
  for (let i = 0; i < 5; i++) await f();
  const c0 = cpu(); const t0 = performance.now();
  for (let i = 0; i < N; i++) await f();
  if (round) console.log(name.padEnd(15), "cpu ms/req", ((cpu() - c0) / N).toFixed(2), "wall ms", ((performance.now() - t0) / N).toFixed(2));
}
server.kill("SIGTERM"); await new Promise((r) => server.on("exit", r));
await db.$disconnect(); database.stop(); process.exit(0);
