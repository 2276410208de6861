// A new database for one test file, copied from the migrated base (see global-setup.ts): a SQLite
// file by default, a PostgreSQL database made from the template in the PostgreSQL pass. Kept
// apart from db.ts so a test can point the app's client at its copy before importing it.
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { PG_TEMPLATE, withDatabase } from "./pg-cluster";

export async function freshDbUrl(name: string): Promise<string> {
  const stamp = `${process.pid}_${Date.now()}`;
  const adminUrl = inject("pgAdminUrl");
  if (!adminUrl) {
    const file = join(__dirname, ".tmp", `${name}-${stamp}.db`);
    copyFileSync(join(__dirname, ".tmp", "base.db"), file);
    return `file:${file}`;
  }
  const database = `t_${name.replace(/\W/g, "_")}_${stamp}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${PG_TEMPLATE}`);
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, database);
}

/** Points the app's own client (lib/db/client.ts) at `url`; call before importing it. */
export function useForApp(url: string): void {
  if (url.startsWith("file:")) process.env.SQLITE_URL = url;
  else process.env.DATABASE_URL = url;
}
