#!/usr/bin/env node
// `npm run demo`: build the app when the sources are newer than the last build, then start it
// on PORT (default 3000). Plain Node, so it runs before anything is compiled.
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const buildId = join(root, ".next", "BUILD_ID");
const sources = ["app", "lib", "exercises"].filter((d) => existsSync(join(root, d)));
const stale = !existsSync(buildId) || sources.some((d) => newest(join(root, d)) > statSync(buildId).mtimeMs);
if (stale) {
  console.log("handprop: building the app (about a minute on 2 cores)...");
  const r = spawnSync("npx", ["next", "build"], { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log(`\nhandprop is starting on http://${host}:${port}\n`);
const server = spawn("npx", ["next", "start", "-H", host, "-p", port], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
