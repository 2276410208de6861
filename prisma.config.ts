// Prisma CLI configuration: the schema engine runs as WebAssembly through the SQLite driver
// adapter (Prisma 6.19 `engine: "js"`), so migrations work offline with no engine download.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * Two gaps of the WASM schema engine on SQLite, patched on each connection:
 * reading _prisma_migrations before it exists (P1014), and whole migration files sent
 * through executeRaw, which better-sqlite3 prepares one statement at a time (P3006).
 */
function patch(adapter: Adapter): Adapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.queryRaw = async (q) => {
    if (/from\s+[`"]?_prisma_migrations/i.test(q.sql)) await adapter.executeScript(MIGRATIONS_TABLE);
    return queryRaw(q);
  };
  adapter.executeRaw = async (q) => {
    const statements = q.sql.split(";").filter((s) => s.trim()).length;
    if (q.args.length === 0 && statements > 1) {
      await adapter.executeScript(q.sql);
      return 0;
    }
    return executeRaw(q);
  };
  return adapter;
}

class MigratingSQLite extends PrismaBetterSQLite3 {
  async connect() {
    return patch(await super.connect());
  }
  async connectToShadowDb() {
    return patch(await super.connectToShadowDb());
  }
}

export const sqliteUrl = () => process.env.SQLITE_URL ?? `file:${path.join(process.cwd(), "prisma", "dev.db")}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new MigratingSQLite({ url: sqliteUrl() }),
});
