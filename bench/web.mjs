#!/usr/bin/env node
// Web figures for `npm run bench`: the exercise page's first-load JavaScript (gzip) and its
// server render time (median, p99), against the production build on a throwaway database.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const root = new URL("..", import.meta.url).pathname;
const port = 3290;
const base = `http://127.0.0.1:${port}`;
const db = join(root, "tests", ".tmp", "bench.db");
mkdirSync(join(root, "tests", ".tmp"), { recursive: true });
rmSync(db, { force: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SQLITE_URL: `file:${db}`, NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-00", NEXTAUTH_URL: base };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run("npx", ["prisma", "migrate", "deploy"]);
run("npx", ["tsx", "prisma/seed.ts"]);
if (!existsSync(join(root, ".next", "BUILD_ID"))) run("npx", ["next", "build"]);
const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: root, env, stdio: "ignore", detached: true });
const stop = () => {
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {}
};
process.on("exit", stop);

async function waitUp() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

const jar = new Map();
const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
async function get(path, init = {}) {
  const res = await fetch(base + path, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie: cookieHeader() } });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair.indexOf("=");
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return res;
}

await waitUp();
const { csrfToken } = await (await get("/api/auth/csrf")).json();
await get("/api/auth/callback/credentials", {
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({ csrfToken, email: "alice@handprop.test", password: "handprop-demo", json: "true" }),
});
const dashboard = await (await get("/dashboard")).text();
const item = /href="(\/items\/[^"]+)"/.exec(dashboard)[1];
const work = (await get(item)).headers.get("location") ?? (await get(item)).headers.get("location");
const html = await (await get(work)).text();

// Modern browsers skip noModule scripts (the legacy polyfills): they are not first-load JavaScript.
const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
const skipped = tags.filter((t) => /nomodule/i.test(t)).length;
const scripts = tags.filter((t) => !/nomodule/i.test(t)).map((t) => /src="([^"]+)"/.exec(t)?.[1]).filter((s) => s?.startsWith("/_next/"));
const unique = [...new Set(scripts)];
let gz = 0;
let raw = 0;
for (const s of unique) {
  const file = join(root, ".next", decodeURIComponent(s.replace(/^\/_next\//, "").split("?")[0]));
  const body = existsSync(file) ? readFileSync(file) : Buffer.from(await (await get(s)).arrayBuffer());
  raw += body.length;
  gz += gzipSync(body).length;
}
console.log(`exercise page (${work}): first-load JavaScript ${unique.length} files (${skipped} noModule polyfill file not counted), ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
console.log(`exercise page HTML: ${(html.length / 1024).toFixed(1)} KB raw, ${(gzipSync(html).length / 1024).toFixed(1)} KB gzip`);

const times = [];
for (let i = 0; i < 10; i++) await get(work);
for (let i = 0; i < 100; i++) {
  const t0 = performance.now();
  const res = await get(work);
  await res.text();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`exercise page server render (signed in, 100 requests): median ${times[50].toFixed(1)} ms, p99 ${times[98].toFixed(1)} ms`);
stop();
process.exit(0);
