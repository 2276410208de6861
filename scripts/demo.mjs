#!/usr/bin/env node
// `npm run demo`: the app on the embedded default, from a fresh clone or again on existing data.
// 1. a session secret, generated once into .data/ (never committed);
// 2. the SQLite database created or brought up to date by the checked-in migrations;
// 3. the demo course and accounts (kept if they exist), printed;
// 4. a production build when the sources are newer than the last one, then `next start`.
// Plain Node, so it runs before anything is compiled.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildIsStale } from "./build-stale.mjs";
import { buildWorker } from "./build-worker.mjs";

const root = new URL("..", import.meta.url).pathname;
const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";

function secret() {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const dir = join(root, ".data");
  const file = join(dir, "session-secret");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"));
    chmodSync(file, 0o600);
  }
  return readFileSync(file, "utf8").trim();
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: secret(), NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://${host}:${port}` };

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// SQLite (prisma/dev.db) unless DATABASE_URL names a PostgreSQL database.
const postgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");
run("npx", ["prisma", "migrate", "deploy", ...(postgres ? ["--config", "prisma.postgres.config.ts"] : [])]);
run("npx", ["tsx", "prisma/seed.ts"]);

if (buildIsStale(root)) {
  console.log("handprop: building the app (about a minute on 2 cores)...");
  run("npm", ["run", "-s", "build"]);
} else {
  await buildWorker();
}

console.log(`\nhandprop is starting on ${env.NEXTAUTH_URL}  (sign in with the demo accounts above)\n`);
// Its own process group, so Ctrl-C also stops next-server (npx does not pass signals on).
const server = spawn("npx", ["next", "start", "-H", host, "-p", port], { cwd: root, env, stdio: "inherit", detached: true });
const stop = (signal) => {
  try {
    process.kill(-server.pid, signal);
  } catch {}
};
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stop(signal));
process.on("exit", () => stop("SIGTERM"));
server.on("exit", (code) => process.exit(code ?? 0));
