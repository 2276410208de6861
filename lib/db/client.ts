// The one Prisma client of the app, through the better-sqlite3 driver adapter (no engine binary).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import path from "node:path";
import { PrismaClient } from "./generated/client";

export function databaseUrl(): string {
  return process.env.SQLITE_URL ?? `file:${path.join(process.cwd(), "prisma", "dev.db")}`;
}

export function createClient(url = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

const globalForPrisma = globalThis as unknown as { handpropPrisma?: PrismaClient };

/** Shared across hot reloads in development, one per process otherwise. */
export const prisma: PrismaClient = globalForPrisma.handpropPrisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.handpropPrisma = prisma;

export type { PrismaClient };
