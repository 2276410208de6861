// The one Prisma client of the app, through a driver adapter (no engine binary): SQLite by
// default (better-sqlite3), PostgreSQL when DATABASE_URL names one (pg).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import path from "node:path";
import { shortWayFor, watchSqliteAdapter } from "./fast";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresClient } from "./generated-pg/client";

const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export function databaseUrl(): string {
  const pg = process.env.DATABASE_URL;
  if (pg && isPostgresUrl(pg)) return pg;
  return process.env.SQLITE_URL ?? `file:${path.join(process.cwd(), "prisma", "dev.db")}`;
}

/**
 * A client for `url`: `file:` for SQLite, `postgresql://` for PostgreSQL. Both clients are
 * generated from the same models (prisma/postgres/schema.prisma is derived from
 * prisma/schema.prisma), so the PostgreSQL one has the very same API and is typed as the other.
 */
export function createClient(url = databaseUrl()): PrismaClient {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
  }
  // The adapter's connection is also the one lib/db/fast.ts's short way uses.
  const { factory, handle } = watchSqliteAdapter(new PrismaBetterSQLite3({ url }));
  const client = new PrismaClient({ adapter: factory });
  shortWayFor(client, handle);
  // Write-ahead logging: a commit appends to the log with one fsync instead of rewriting pages
  // behind a rollback journal (a write then blocks the request thread several times longer),
  // and readers never wait for a writer. Still durable at every commit (synchronous stays FULL),
  // and safe when a process is killed mid-write. The mode is kept in the file; failing to switch
  // (a read-only file, another process mid-transaction) leaves the database as it was.
  void client.$queryRawUnsafe("PRAGMA journal_mode = WAL").catch(() => {});
  return client;
}

const globalForPrisma = globalThis as unknown as { handpropPrisma?: PrismaClient };

/** Shared across hot reloads in development, one per process otherwise. */
export const prisma: PrismaClient = globalForPrisma.handpropPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.handpropPrisma = prisma;

export type { PrismaClient };
