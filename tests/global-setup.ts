// Migrate one base database with the checked-in migrations; test files copy it.
// SQLite by default. With HANDPROP_TEST_DB=postgres (npm run test:pg), the same domain tests
// run on PostgreSQL: a throwaway server (or PG_TEST_URL), the PostgreSQL migrations applied to a
// template database, and one copy of it per test file.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { postgresBin } from "../scripts/postgres-bin.mjs";
import { buildWorker } from "../scripts/build-worker.mjs";
import { PG_TEMPLATE, startCluster, withDatabase } from "./pg-cluster";

export const BASE_DB = join(__dirname, ".tmp", "base.db");

declare module "vitest" {
  export interface ProvidedContext {
    /** A PostgreSQL URL (any database) for creating per-file databases; "" on SQLite. */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | void> {
  mkdirSync(join(__dirname, ".tmp"), { recursive: true });
  // The worker pool's bundle, fresh from the sources under test.
  await buildWorker();
  if (process.env.HANDPROP_TEST_DB !== "postgres") {
    for (const suffix of ["", "-wal", "-shm"]) rmSync(BASE_DB + suffix, { force: true });
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, SQLITE_URL: `file:${BASE_DB}` }, stdio: "pipe" });
    project.provide("pgAdminUrl", "");
    return;
  }
  let adminUrl = process.env.PG_TEST_URL;
  let stop = () => {};
  if (!adminUrl) {
    const bin = postgresBin();
    if (!bin) throw new Error("HANDPROP_TEST_DB=postgres needs a PostgreSQL server: install Debian's postgresql, or set PG_TEST_URL");
    const cluster = await startCluster(bin);
    adminUrl = cluster.adminUrl;
    stop = cluster.stop;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE}`);
  await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
  await admin.end();
  execFileSync("npx", ["prisma", "migrate", "deploy", "--config", "prisma.postgres.config.ts"], {
    env: { ...process.env, DATABASE_URL: withDatabase(adminUrl, PG_TEMPLATE) },
    stdio: "pipe",
  });
  project.provide("pgAdminUrl", adminUrl);
  return stop;
}
