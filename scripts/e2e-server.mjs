#!/usr/bin/env node
// The server the browser tests talk to: a fresh database (migrations + demo seed), the
// production build (rebuilt when sources changed), `next start` on E2E_PORT; beside it, the
// university's OpenID provider for single sign-on (scripts/e2e-idp.ts) on E2E_IDP_PORT.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildIsStale } from "./build-stale.mjs";
import { buildWorker } from "./build-worker.mjs";

const root = new URL("..", import.meta.url).pathname;
const port = process.env.E2E_PORT ?? "3210";
const idpPort = process.env.E2E_IDP_PORT ?? "3299";
const db = join(root, "tests", ".tmp", "e2e.db");
mkdirSync(join(root, "tests", ".tmp"), { recursive: true });
// With its write-ahead log and shared-memory index: a stale log must never meet a fresh database.
for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  SQLITE_URL: `file:${db}`,
  NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  // Single sign-on with the test provider (not secrets: it exists only for these tests).
  OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
  OIDC_CLIENT_ID: "handprop-e2e",
  OIDC_CLIENT_SECRET: "handprop-e2e-client-secret-for-tests-only",
  OIDC_PROVIDER_NAME: "Test University",
  OIDC_STUDENT_NUMBER_CLAIM: "student_number",
  OIDC_SCOPES: "openid email profile student",
};
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// Started first: it is ready long before the app, and stops with this script's process group.
const idp = spawn("npx", ["tsx", "scripts/e2e-idp.ts"], {
  cwd: root,
  env: { ...env, E2E_IDP_PORT: idpPort, E2E_IDP_REDIRECT: `http://127.0.0.1:${port}/api/auth/callback/oidc` },
  stdio: "inherit",
});
process.on("exit", () => idp.kill("SIGTERM"));

run("npx", ["prisma", "migrate", "deploy"]);
run("npx", ["tsx", "prisma/seed.ts"]);
if (buildIsStale(root)) run("npm", ["run", "-s", "build"]);
else await buildWorker();
// Same process group as this script: Playwright stops the whole group when the tests end.
const server = spawn("npx", ["next", "start", "-H", "127.0.0.1", "-p", port], { cwd: root, env, stdio: "inherit" });
for (const s of ["SIGINT", "SIGTERM"]) process.on(s, () => server.kill(s));
server.on("exit", (code) => process.exit(code ?? 0));
