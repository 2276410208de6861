// `npm run load`: the evening before a deadline, on the production shape. 300 distinct students,
// their accounts made by the app's roster import (random one-time passwords, hashed as the app
// does), half of whom have since chosen their own password (hashed at OWASP's cost), each
// signs in through the sign-in endpoint, opens the dashboard and their own exercise, autosaves a few
// times and submits twice (each attempt with its own idempotency key), viewing each result; their
// arrivals spread over 90 seconds so that the whole rush fits in two minutes.
//
// Sign-ins are spread: checking a chosen password (scrypt at N = 2^17) takes 0.45-0.56 s here and
// two at once twice that (memory-bound), so 300 such sign-ins alone would need over two minutes of
// this machine; a one-time password's check takes a few ms (lib/auth/password.ts). Most students
// signed in earlier in the evening (sessions last a week): 250 sign in before the rush, two at a
// time, and 50 arrive during the rush and sign in then (--late N). Against two
// `next start` processes of the production build behind Debian's nginx (round-robin), sharing a
// throwaway PostgreSQL cluster. Prints per-route p50/p95/p99, throughput and errors, then counts in
// the database that every acknowledged submission is stored exactly once with its grade.
//
// `npm run load -- --fault` (or `npm run load:fault`): the same rush, and in the middle of it one of
// the two app processes is killed (SIGKILL) and started again. Clients retry what was cut off (a
// submission with the same idempotency key); nothing acknowledged may be lost or stored twice.
//
// Options: --students N (300), --late N (50: students who sign in during the rush), --chosen P (50:
// percent of students who chose their own password), --arrivals S (90: seconds over which students
// arrive), --keep (leave the database running and print its URL).
import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { DEMO_PASSWORD, seedDemo } from "../lib/course/demo";
import { networkOf } from "../lib/course/work";
import { createClient } from "../lib/db/client";
import { toSolution } from "../lib/exercises/solution";
import { solve } from "../lib/nn/network";
import { hashPassword, OWASP_SCRYPT } from "../lib/auth/password";
import { addStudentsCsv } from "../lib/teach/courses";
import { quantile } from "./app-server";
import { ensureBuild, freePort, startAppProcess, startDatabase, startNginx, threadCpu, type AppProcess } from "./production";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const FAULT = args.includes("--fault");
const STUDENTS = option("students", 300);
const ARRIVALS_S = option("arrivals", 90);
const LATE = Math.min(STUDENTS, option("late", 50));
const CHOSEN_PERCENT = Math.max(0, Math.min(100, option("chosen", 50)));
const SECRET = "load-secret-load-secret-load-secret-0001";
/** Targets on this machine. */
const SUBMISSION_P99_MS = 300;
const RUSH_LIMIT_S = 120;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

// ---------------------------------------------------------------------------------------------
// The stage: database, accounts, two app processes, nginx.

ensureBuild();
const started = performance.now();
console.log(`load${FAULT ? " (fault run)" : ""}: ${STUDENTS} students arriving over ${ARRIVALS_S} s; two app processes behind nginx, PostgreSQL`);
const database = await startDatabase();
const db = createClient(database.url);
const { courseId } = await seedDemo(db);
const teacher = await db.user.findUniqueOrThrow({ where: { email: "teacher@handprop.test" } });
const emailOf = (i: number) => `student${String(i).padStart(3, "0")}@load.handprop.test`;
const csv = ["name,email", ...Array.from({ length: STUDENTS }, (_, i) => `Load Student ${i},${emailOf(i)}`)].join("\n");
const t0 = performance.now();
// The instructor's roster import: real accounts, one-time passwords hashed as the app hashes them.
const report = await addStudentsCsv(db, { id: teacher.id, role: "instructor" }, courseId, csv);
const passwords = new Map(report.added.map((a) => [a.email, a.initialPassword ?? DEMO_PASSWORD]));
if (passwords.size !== STUDENTS) throw new Error(`the import added ${passwords.size} students, not ${STUDENTS}`);
console.log(`accounts: ${STUDENTS} students imported in ${((performance.now() - t0) / 1000).toFixed(1)} s (roster import)`);
// Students who sign in during the rush come one per stride (see `early` below). In --chosen percent
// of the strides (50: every other one), students have chosen their own password under Account, so
// that share of the early and of the late sign-ins checks an OWASP hash (0.5 s of the machine
// each). One hash serves them all: checking costs the same whoever's it is, and 150 distinct ones
// would add over a minute of setup.
const STRIDE = Math.ceil(STUDENTS / Math.max(1, LATE));
const chosePassword = (i: number) => {
  const k = Math.floor(i / STRIDE);
  return Math.floor(((k + 1) * CHOSEN_PERCENT) / 100) > Math.floor((k * CHOSEN_PERCENT) / 100);
};
const CHOSEN_PASSWORD = "a password this student chose";
const chosenHash = await hashPassword(CHOSEN_PASSWORD, OWASP_SCRYPT);
const chosen = Array.from({ length: STUDENTS }, (_, i) => i).filter(chosePassword);
await db.user.updateMany({ where: { email: { in: chosen.map(emailOf) } }, data: { passwordHash: chosenHash } });
for (const i of chosen) passwords.set(emailOf(i), CHOSEN_PASSWORD);
console.log(`accounts: ${chosen.length} of them have since chosen their own password (scrypt N = 2^17)`);

const ports = [await freePort(), await freePort()];
const proxyPort = await freePort();
const logDir = join(tmpdir(), `handprop-load-${process.pid}`);
mkdirSync(logDir, { recursive: true });
const base = `http://127.0.0.1:${proxyPort}`;
const appEnv = { DATABASE_URL: database.url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: base, TRUSTED_PROXY_HOPS: "1" };
const apps: AppProcess[] = await Promise.all(ports.map((p, i) => startAppProcess(p, appEnv, join(logDir, `app-${i}.log`))));
// nginx listens on the port the apps were told (NEXTAUTH_URL).
const proxy = await startNginx(ports, proxyPort);
const pool = new pg.Pool({ connectionString: database.url, max: 4 });

/**
 * Warm-up, as a deploy's smoke test would: each process, addressed directly, serves every route
 * of the rush a few times for a demo student (the JIT, the page chunks, the worker threads and the
 * database connections are ready before the first student arrives).
 */
async function warmUp(app: AppProcess) {
  const jar = new Map<string, string>();
  const at = `http://127.0.0.1:${app.port}`;
  const go = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(at + path, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    return { res, body: await res.text() };
  };
  const { csrfToken } = JSON.parse((await go("/api/auth/csrf")).body) as { csrfToken: string };
  await go("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, email: "alice@handprop.test", password: DEMO_PASSWORD }).toString() });
  const item = /href="(\/items\/[^"]+)"/.exec((await go("/dashboard")).body)![1];
  const work = new URL((await go(item)).res.headers.get("location")!, at).pathname;
  const variantId = work.split("/").pop()!;
  const { rows } = await pool.query<{ exerciseJson: string }>('SELECT "exerciseJson" FROM "Variant" WHERE "id" = $1', [variantId]);
  const answers = handAnswers(rows[0].exerciseJson);
  for (let i = 0; i < 20; i++) {
    await go("/dashboard");
    await go(work);
    await go(`/api/variants/${variantId}/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ answers }) });
  }
  // Grading (the worker threads), with an attempt of the demo student's (not counted below: only the load's students are).
  const { body } = await go(`/api/variants/${variantId}/submissions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ answers: withOneSlip(answers), idempotencyKey: randomUUID() }) });
  const url = (JSON.parse(body) as { url?: string }).url;
  for (let i = 0; url && i < 10; i++) await go(url);
}
for (const app of apps) await warmUp(app);

// ---------------------------------------------------------------------------------------------
// The students.

interface Sample {
  route: string;
  ms: number;
  /** The answer was an error (after the retries). */
  failed: boolean;
  /** Tries beyond the first. */
  retries: number;
  at: number;
}
const samples: Sample[] = [];
const rawErrors: Record<string, number> = {};
/** Idempotency key → the submission id the server acknowledged (201). */
const acknowledged = new Map<string, { student: number; submissionId: string }>();
/** Every key a student sent (acknowledged or not). */
const sentKeys = new Map<string, number>();
let rushStart = 0;
/** Requests in flight per route (the fault run kills a process while submissions are being graded). */
const inFlight: Record<string, number> = {};

class Student {
  readonly jar = new Map<string, string>();
  constructor(readonly i: number) {}
  cookie() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  /** One request as the browser would make it, retried (same body, same key) when cut off or answered by a proxy error. */
  async request(route: string, path: string, init: RequestInit = {}, ok = (r: Response) => r.status < 400): Promise<{ res: Response; body: string }> {
    const start = performance.now();
    let retries = 0;
    for (;;) {
      let res: Response | null = null;
      let body = "";
      inFlight[route] = (inFlight[route] ?? 0) + 1;
      try {
        // No time-out of ours: a browser waits, and a request abandoned and sent again only doubles the work.
        res = await fetch(base + path, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: this.cookie() } });
        body = await res.text();
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(";");
          const eq = pair.indexOf("=");
          this.jar.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
      } catch {
        res = null;
      } finally {
        inFlight[route]--;
      }
      const transient = !res || res.status === 502 || res.status === 503 || res.status === 504;
      if (res && ok(res)) {
        samples.push({ route, ms: performance.now() - start, failed: false, retries, at: (start - rushStart) / 1000 });
        return { res, body };
      }
      rawErrors[route] = (rawErrors[route] ?? 0) + 1;
      if (!transient || retries >= 8) {
        samples.push({ route, ms: performance.now() - start, failed: true, retries, at: (start - rushStart) / 1000 });
        throw new Error(`${route}: ${res ? `${res.status} ${body.slice(0, 200)}` : "no answer"}`);
      }
      retries++;
      await sleep(Math.min(4000, 200 * 2 ** retries) * between(0.75, 1.25));
    }
  }

  /** Sign in through next-auth's credentials endpoint, as the sign-in form does. */
  async signIn(label: string): Promise<void> {
    const email = emailOf(this.i);
    const { body: csrfBody } = await this.request(`GET /api/auth/csrf${label}`, "/api/auth/csrf");
    const { csrfToken } = JSON.parse(csrfBody) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password: passwords.get(email)!, callbackUrl: "/dashboard" });
    const signIn = await this.request(`POST sign-in${label}`, "/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form.toString() });
    if (!this.jar.has("next-auth.session-token")) throw new Error(`sign-in of ${email} failed: ${signIn.res.status} ${signIn.res.headers.get("location")}`);
  }

  async run(): Promise<void> {
    const email = emailOf(this.i);
    if (!this.jar.has("next-auth.session-token")) await this.signIn("");
    const { body: dashboard } = await this.request("GET /dashboard", "/dashboard");
    const item = /href="(\/items\/[^"]+)"/.exec(dashboard)?.[1];
    if (!item) throw new Error(`no exercise on ${email}'s dashboard`);
    await sleep(between(300, 1000));
    // Opening the item draws the student's own variant the first time, then redirects to it.
    const open = await this.request("GET /items/:id (open, redirect)", item, {}, (r) => r.status >= 300 && r.status < 400);
    const work = new URL(open.res.headers.get("location")!, base).pathname;
    const variantId = work.split("/").pop()!;
    await this.request("GET /work/:id (exercise page)", work);
    // What the student works out by hand (read here from the database; the answer is the load's business, not the app's).
    const { rows } = await pool.query<{ exerciseJson: string }>('SELECT "exerciseJson" FROM "Variant" WHERE "id" = $1', [variantId]);
    const answers = handAnswers(rows[0].exerciseJson);
    const paths = Object.keys(answers);
    // Autosaves as the cells fill up.
    for (const share of [0.3, 0.6, 1]) {
      await sleep(between(1000, 2500));
      const partial = Object.fromEntries(paths.slice(0, Math.ceil(paths.length * share)).map((p) => [p, answers[p]]));
      await this.request("PUT draft autosave", `/api/variants/${variantId}/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ answers: partial }) });
    }
    // Two attempts, each its own idempotency key; a retry of one sends the same key.
    for (const attempt of [1, 2]) {
      const key = randomUUID();
      sentKeys.set(key, this.i);
      const sent = attempt === 1 ? withOneSlip(answers) : answers;
      const { res, body } = await this.request("POST graded submission", `/api/variants/${variantId}/submissions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ answers: sent, idempotencyKey: key }),
      });
      const { submissionId, url } = JSON.parse(body) as { submissionId: string; url: string };
      if (res.status !== 201 || !submissionId) throw new Error(`submission answered ${res.status}`);
      acknowledged.set(key, { student: this.i, submissionId });
      await this.request("GET /submissions/:id (result)", url);
      if (attempt === 1) {
        await sleep(between(1500, 3000));
        await this.request("PUT draft autosave", `/api/variants/${variantId}/draft`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ answers }) });
        await sleep(between(500, 1500));
      }
    }
  }
}

/** The exact answers rounded to 4 significant digits, as a student writes them by hand. */
function handAnswers(exerciseJson: string): Record<string, string[][]> {
  const { net } = networkOf(exerciseJson);
  const solution = toSolution(solve(net), net.layout);
  const cells = (m: number[][] | number[]) => (Array.isArray(m[0]) ? (m as number[][]) : [m as number[]]).map((r) => r.map((x) => String(Number(x.toPrecision(4)))));
  const answers: Record<string, string[][]> = {};
  solution.steps.forEach((step, s) => {
    answers[`steps[${s}].loss`] = cells([step.loss]);
    step.layers.forEach((layer, l) => {
      for (const [key, value] of Object.entries(layer)) if (value !== undefined) answers[`steps[${s}].layers[${l}].${key}`] = cells(value as number[][]);
    });
  });
  answers.loss_after = cells([solution.loss_after]);
  return answers;
}

/** The same answers with Δ¹ doubled: a mistake for the grader to find and carry forward. */
function withOneSlip(answers: Record<string, string[][]>): Record<string, string[][]> {
  const delta = answers["steps[0].layers[0].delta"];
  return delta ? { ...answers, "steps[0].layers[0].delta": delta.map((r) => r.map((c) => String(2 * Number(c)))) } : answers;
}

// ---------------------------------------------------------------------------------------------
// The rush.

/** The machine's CPU time so far (ms, all cores): busy and total, from /proc/stat. */
function machineCpu(): { busy: number; total: number } {
  try {
    const [, ...f] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const n = f.map(Number);
    const idle = n[3] + (n[4] ?? 0);
    const total = n.reduce((a, b) => a + b, 0);
    return { busy: (total - idle) * 10, total: total * 10 };
  } catch {
    return { busy: 0, total: 0 };
  }
}
/** Every 10 s of the rush: requests, their p95, the machine's CPU use and the app processes' share of it (others run on this machine too). */
const timeline: string[] = [];
function startTimeline() {
  let last = { machine: machineCpu(), apps: apps.reduce((a, x) => a + x.cpuMs(), 0), at: performance.now(), samples: 0 };
  const timer = setInterval(() => {
    const machine = machineCpu();
    const appsMs = apps.reduce((a, x) => a + x.cpuMs(), 0);
    const now = performance.now();
    const fresh = samples.slice(last.samples).map((x) => x.ms).sort((a, b) => a - b);
    const cores = (machine.total - last.machine.total) || 1;
    timeline.push(
      `${((now - rushStart) / 1000).toFixed(0).padStart(4)} s  ${String(fresh.length).padStart(4)} requests  p95 ${fresh.length ? quantile(fresh, 0.95).toFixed(0).padStart(5) : "    -"} ms  machine ${((100 * (machine.busy - last.machine.busy)) / cores).toFixed(0).padStart(3)}% busy, the two apps ${((100 * (appsMs - last.apps)) / cores).toFixed(0).padStart(3)}%`,
    );
    last = { machine, apps: appsMs, at: now, samples: samples.length };
  }, 10_000);
  return () => clearInterval(timer);
}

const failures: string[] = [];
const students = Array.from({ length: STUDENTS }, (_, i) => new Student(i));
// Earlier in the evening: every student but the late ones signs in, two at a time (the machine's hashing capacity).
const early = students.filter((st) => st.i % STRIDE !== 0 || LATE === 0).slice(0, STUDENTS - LATE);
const t1 = performance.now();
let nextEarly = 0;
await Promise.all(
  Array.from({ length: 2 }, async () => {
    while (nextEarly < early.length) {
      const st = early[nextEarly++];
      await st.signIn(" (before the rush)").catch((e) => failures.push(`student ${st.i}: ${(e as Error).message}`));
    }
  }),
);
const earlyMs = samples.filter((x) => x.route === "POST sign-in (before the rush)").map((x) => x.ms).sort((a, b) => a - b);
console.log(`before the rush: ${early.length} students signed in, two at a time, in ${((performance.now() - t1) / 1000).toFixed(1)} s (sign-in p50 ${earlyMs.length ? quantile(earlyMs, 0.5).toFixed(0) : "-"} ms, p99 ${earlyMs.length ? quantile(earlyMs, 0.99).toFixed(0) : "-"} ms); ${STUDENTS - early.length} sign in during the rush`);
samples.length = 0;
const cpu0 = apps.map((a) => a.cpuMs());
const threads0 = apps.map((a) => threadCpu(a.pid()));
rushStart = performance.now();
const stopTimeline = startTimeline();
let faultNote = "";
const fault = FAULT
  ? (async () => {
      // In the middle of the rush, while students sign in, autosave and submit.
      await sleep((ARRIVALS_S / 2) * 1000);
      // At a moment when submissions are being graded (at most 15 s later): some of them are on the killed process.
      for (let i = 0; i < 300 && (inFlight["POST graded submission"] ?? 0) < 3; i++) await sleep(50);
      const cut = inFlight["POST graded submission"] ?? 0;
      const at = (performance.now() - rushStart) / 1000;
      await apps[0].kill();
      const down = performance.now();
      await sleep(1000);
      await apps[0].restart();
      faultNote = `app process 1 killed (SIGKILL) at ${at.toFixed(1)} s with ${cut} submissions in flight (on either process), started again and answering ${((performance.now() - down) / 1000).toFixed(1)} s later`;
      console.log(faultNote);
    })()
  : Promise.resolve();
await Promise.all(
  students.map(async (st) => {
    await sleep((st.i / STUDENTS) * ARRIVALS_S * 1000 + between(0, 200));
    try {
      await st.run();
    } catch (e) {
      failures.push(`student ${st.i}: ${(e as Error).message}`);
    }
  }),
);
await fault;
stopTimeline();
const rushSeconds = (performance.now() - rushStart) / 1000;
const cpu = apps.map((a, i) => a.cpuMs() - cpu0[i]);
const threads = apps.map((a, i) => ({ before: threads0[i], after: threadCpu(a.pid()) }));

// ---------------------------------------------------------------------------------------------
// Figures.

const routes = [...new Set(samples.map((s) => s.route))];
console.log(`\nrush: ${rushSeconds.toFixed(1)} s (limit ${RUSH_LIMIT_S} s), ${samples.length} requests, ${(samples.length / rushSeconds).toFixed(1)} req/s through nginx`);
console.log(`${"route".padEnd(34)} ${"count".padStart(6)} ${"p50".padStart(6)} ${"p95".padStart(6)} ${"p99".padStart(6)} ${"max".padStart(6)} ${"errors".padStart(7)} ${"retried".padStart(8)}`);
const stats: Record<string, { p99: number; errors: number }> = {};
for (const route of routes) {
  const mine = samples.filter((s) => s.route === route);
  const ok = mine.filter((s) => !s.failed).map((s) => s.ms).sort((a, b) => a - b);
  const errors = mine.filter((s) => s.failed).length;
  const retried = mine.filter((s) => s.retries > 0).length;
  const q = (p: number) => (ok.length ? quantile(ok, p).toFixed(0) : "-");
  stats[route] = { p99: ok.length ? quantile(ok, 0.99) : Infinity, errors };
  console.log(`${route.padEnd(34)} ${String(mine.length).padStart(6)} ${q(0.5).padStart(6)} ${q(0.95).padStart(6)} ${q(0.99).padStart(6)} ${(ok.length ? ok[ok.length - 1].toFixed(0) : "-").padStart(6)} ${String(errors).padStart(7)} ${String(retried).padStart(8)}`);
}
console.log("(milliseconds, as the client sees them: from the first send to the final answer, retries included)");
const raw = Object.values(rawErrors).reduce((a, b) => a + b, 0);
console.log(`errors: ${samples.filter((s) => s.failed).length} requests failed after retries; ${raw} tries answered with an error or cut off${raw ? ` (${Object.entries(rawErrors).map(([r, n]) => `${r}: ${n}`).join(", ")})` : ""}; ${failures.length} students could not finish`);
for (const f of failures.slice(0, 10)) console.log(`  ${f}`);
console.log(`server CPU: ${cpu.map((ms, i) => `process ${i + 1} ${(ms / 1000).toFixed(1)} s`).join(", ")} (${((cpu[0] + cpu[1]) / 1000 / rushSeconds / 2 * 100).toFixed(0)}% of the 2 cores over the rush)`);
if (!FAULT) {
  // Where the apps' CPU went, by thread (the fault run's restarted process starts from zero, so only the normal run).
  const by: Record<string, number> = {};
  for (const { before, after } of threads) for (const [name, ms] of Object.entries(after)) by[name] = (by[name] ?? 0) + ms - (before[name] ?? 0);
  console.log(`  by thread: ${Object.entries(by).filter(([, ms]) => ms >= 100).sort((a, b) => b[1] - a[1]).map(([n, ms]) => `${n} ${(ms / 1000).toFixed(1)} s`).join(", ")}`);
}
if (faultNote) console.log(faultNote);
console.log("timeline (each line: the 10 s before it; machine = all processes on this 2-core machine, ours and others'):");
for (const line of timeline) console.log(`  ${line}`);

// Every acknowledged submission stored exactly once, with its grade; nothing stored twice.
const { rows: stored } = await pool.query<{ id: string; idempotencyKey: string; userId: string; email: string; grades: string; graded: string }>(`
  SELECT s."id", s."idempotencyKey", s."userId", u."email",
    (SELECT COUNT(*) FROM "Grade" g WHERE g."submissionId" = s."id") AS "grades",
    (SELECT COUNT(*) FROM "Grade" g WHERE g."submissionId" = s."id" AND g."gradeJson" LIKE '{%' AND g."maxScore" > 0) AS "graded"
  FROM "Submission" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" LIKE '%@load.handprop.test'`);
const byKey = new Map<string, typeof stored>();
for (const r of stored) byKey.set(r.idempotencyKey, [...(byKey.get(r.idempotencyKey) ?? []), r]);
let lost = 0;
let wrongRow = 0;
let ungraded = 0;
for (const [key, ack] of acknowledged) {
  const rows = byKey.get(key) ?? [];
  if (rows.length === 0) lost++;
  else if (rows.length !== 1 || rows[0].id !== ack.submissionId || rows[0].email !== emailOf(ack.student)) wrongRow++;
  else if (Number(rows[0].grades) !== 1 || Number(rows[0].graded) !== 1) ungraded++;
}
const duplicates = [...byKey.values()].filter((rows) => rows.length > 1).length;
const strays = stored.filter((r) => !sentKeys.has(r.idempotencyKey)).length;
const unacknowledged = stored.filter((r) => sentKeys.has(r.idempotencyKey) && !acknowledged.has(r.idempotencyKey)).length;
const { rows: perVariant } = await pool.query<{ n: string }>(`
  SELECT COUNT(*) AS "n" FROM "Submission" s JOIN "User" u ON u."id" = s."userId" WHERE u."email" LIKE '%@load.handprop.test' GROUP BY s."variantId" HAVING COUNT(*) > 2`);
console.log(
  `database: ${acknowledged.size} submissions acknowledged, ${stored.length} stored; lost ${lost}, stored twice ${duplicates}, under another id or student ${wrongRow}, without exactly one grade ${ungraded}, stored but never sent ${strays}, stored but unacknowledged ${unacknowledged}, variants with more than two attempts ${perVariant.length}`,
);

const sub = stats["POST graded submission"];
const problems: string[] = [];
const errorsSeen = samples.filter((s) => s.failed).length + failures.length + (FAULT ? 0 : raw);
if (errorsSeen) problems.push(`${errorsSeen} errors`);
// The latency target is the normal rush's; the fault run is judged on what the students see and what is stored.
if (!FAULT && (!sub || sub.p99 >= SUBMISSION_P99_MS)) problems.push(`graded submission p99 ${sub?.p99.toFixed(0)} ms (target under ${SUBMISSION_P99_MS} ms)`);
if (rushSeconds > RUSH_LIMIT_S) problems.push(`the rush took ${rushSeconds.toFixed(0)} s (limit ${RUSH_LIMIT_S} s)`);
if (lost || duplicates || wrongRow || ungraded || strays) problems.push("acknowledged submissions not stored exactly once with their grade");
if (acknowledged.size !== STUDENTS * 2) problems.push(`${acknowledged.size} of ${STUDENTS * 2} submissions acknowledged`);
console.log(
  problems.length
    ? `FAILED: ${problems.join("; ")}`
    : FAULT
      ? `passed: zero errors seen by students (${raw} cut-off tries retried), zero acknowledged submissions lost, zero stored twice; graded submission p99 ${sub.p99.toFixed(0)} ms across the fault`
      : `passed: zero errors, graded submission p99 ${sub.p99.toFixed(0)} ms < ${SUBMISSION_P99_MS} ms, every acknowledged submission stored once with its grade`,
);
console.log(`(total ${((performance.now() - started) / 1000).toFixed(0)} s with setup; app logs in ${logDir})`);
writeFileSync(join(logDir, "samples.json"), JSON.stringify(samples));

await pool.end();
await db.$disconnect();
proxy.stop();
await Promise.all(apps.map((a) => (process.env.HANDPROP_LOAD_CPU_PROF ? a.end() : Promise.resolve(a.stop()))));
if (args.includes("--keep")) console.log(`database left running: ${database.url}`);
else database.stop();
process.exit(problems.length ? 1 : 0);
