// A short way to the database for the statements of the rush's hot paths (lib/course/queries.ts):
// on SQLite they run on the very connection Prisma's driver adapter opened, as prepared
// statements kept per SQL text, without Prisma's query compiler and result mapping, which cost
// more of the request thread than SQLite's own work (docs/decisions/003-plain-sql-hot-paths.md).
// The SQL and its parameters are Prisma.sql's, and the adapter's conventions are kept
// (dates as ISO 8601 text, booleans as 0 and 1), so both ways read and write the same rows.
//
// Everywhere else, and whenever the short way cannot be taken safely, the statement goes through
// Prisma as before: on PostgreSQL (pg infers untyped parameters differently from Prisma's typed
// ones, and Prisma's pool is the one to use), before Prisma has opened its connection, and while
// a Prisma transaction is open on it (a statement of ours would join that transaction, and a
// write acknowledged to a student could then be rolled back with it).
import type Database from "better-sqlite3";
import type { Prisma, PrismaClient } from "./generated/client";

type Statement = Database.Statement;
interface Handle {
  db?: Database.Database;
  statements: Map<string, Statement>;
}

const handles = new WeakMap<object, Handle>();

/** A driver-adapter factory, as Prisma's client takes it (only what is wrapped here). */
interface AdapterFactory {
  readonly provider: string;
  readonly adapterName: string;
  connect(): Promise<unknown>;
  connectToShadowDb?(): Promise<unknown>;
}

/**
 * Wraps Prisma's SQLite adapter factory so that the connection it opens is known here too; call
 * `shortWayFor(client, handle)` once the client exists.
 */
export function watchSqliteAdapter<F extends AdapterFactory>(factory: F): { factory: F; handle: Handle } {
  const handle: Handle = { statements: new Map() };
  const wrapped = Object.create(factory) as F;
  wrapped.connect = async () => {
    const adapter = await factory.connect();
    const db = (adapter as { client?: unknown }).client;
    // The adapter keeps its better-sqlite3 connection as `client`; anything else and the short way stays closed.
    if (db && typeof (db as Database.Database).prepare === "function" && "inTransaction" in (db as object)) {
      handle.db = db as Database.Database;
      handle.statements.clear();
    }
    return adapter;
  };
  return { factory: wrapped, handle };
}

export function shortWayFor(client: PrismaClient, handle: Handle): void {
  handles.set(client, handle);
}

/** The adapter's way of writing a parameter: dates as ISO 8601 with an explicit +00:00, booleans as 0/1. */
function arg(x: unknown): unknown {
  if (x instanceof Date) return x.toISOString().replace("Z", "+00:00");
  if (typeof x === "boolean") return x ? 1 : 0;
  return x === undefined ? null : x;
}

/** The open SQLite connection, if statements may run on it now. */
function open(client: PrismaClient): Handle | undefined {
  const h = handles.get(client);
  if (!h?.db || !h.db.open || h.db.inTransaction) return undefined;
  return h;
}

function statement(h: Handle, sql: string): Statement {
  let s = h.statements.get(sql);
  if (!s) {
    s = h.db!.prepare(sql);
    // A handful of statements; a bound just in case.
    if (h.statements.size > 200) h.statements.clear();
    h.statements.set(sql, s);
  }
  return s;
}

function run<T>(h: Handle, q: Prisma.Sql): T[] {
  const s = statement(h, q.sql);
  const args = q.values.map(arg);
  if (s.reader) return s.all(...args) as T[];
  s.run(...args);
  return [];
}

/** Rows of one statement (a query, or a write with RETURNING). */
export async function sqlAll<T = Record<string, unknown>>(client: PrismaClient, q: Prisma.Sql): Promise<T[]> {
  const h = open(client);
  if (h) return run<T>(h, q);
  return client.$queryRaw<T[]>(q);
}

/**
 * Several statements in one transaction, all or nothing; the rows each returned. On the short way
 * it is one synchronous BEGIN … COMMIT, so nothing else runs in between.
 */
export async function sqlTransaction(client: PrismaClient, qs: Prisma.Sql[]): Promise<unknown[][]> {
  const h = open(client);
  if (h) return h.db!.transaction(() => qs.map((q) => run(h, q)))();
  return client.$transaction(qs.map((q) => client.$queryRaw<unknown[]>(q)));
}

/** How many statements the short way has prepared on this client's connection (0 on PostgreSQL): for tests. */
export function shortWayStatements(client: PrismaClient): number {
  return handles.get(client)?.statements.size ?? 0;
}
