// Web figures for `npm run bench`: the exercise page's first-load JavaScript (gzip) and its
// server render time (median, p99), against the production build on a throwaway database.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { prepare, quantile, ROOT, startApp } from "./app-server";

const db = join(ROOT, "tests", ".tmp", "bench.db");
mkdirSync(join(ROOT, "tests", ".tmp"), { recursive: true });
// With its write-ahead log and shared-memory index: a stale log must never meet a fresh database.
for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
prepare(`file:${db}`);
const app = await startApp(`file:${db}`, 3290);
await app.signIn("alice@handprop.test");

const dashboard = await (await app.get("/dashboard")).text();
const item = /href="(\/items\/[^"]+)"/.exec(dashboard)![1];
const work = (await app.get(item)).headers.get("location")!;
const html = await (await app.get(work)).text();

// Modern browsers skip noModule scripts (the legacy polyfills): they are not first-load JavaScript.
const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
const skipped = tags.filter((t) => /nomodule/i.test(t)).length;
const scripts = tags.filter((t) => !/nomodule/i.test(t)).map((t) => /src="([^"]+)"/.exec(t)?.[1]).filter((s): s is string => !!s?.startsWith("/_next/"));
const unique = [...new Set(scripts)];
let gz = 0;
let raw = 0;
for (const s of unique) {
  const file = join(ROOT, ".next", decodeURIComponent(s.replace(/^\/_next\//, "").split("?")[0]));
  const body = existsSync(file) ? readFileSync(file) : Buffer.from(await (await app.get(s)).arrayBuffer());
  raw += body.length;
  gz += gzipSync(body).length;
}
console.log(`exercise page (${work}): first-load JavaScript ${unique.length} files (${skipped} noModule polyfill file not counted), ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
console.log(`exercise page HTML: ${(html.length / 1024).toFixed(1)} KB raw, ${(gzipSync(html).length / 1024).toFixed(1)} KB gzip`);

const times: number[] = [];
for (let i = 0; i < 10; i++) await (await app.get(work)).text();
for (let i = 0; i < 100; i++) {
  const t0 = performance.now();
  await (await app.get(work)).text();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`exercise page server render (signed in, 100 requests): median ${quantile(times, 0.5).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms`);
app.stop();
process.exit(0);
