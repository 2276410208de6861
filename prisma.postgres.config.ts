// Prisma CLI configuration for PostgreSQL (production): `prisma migrate deploy --config prisma.postgres.config.ts`
// with DATABASE_URL set. The schema engine runs as WebAssembly through the pg driver adapter
// (Prisma 6.19 `engine: "js"`), so no engine binary is downloaded.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

// Catalog columns of type "char" (18) and name (19), and arrays of them (1002, 1003), which the
// 6.19 adapter cannot decode: read as text (25) and text[] (1009). Only the schema engine's
// introspection queries return such columns; the app's own tables never do.
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };

function readCatalogTypesAsText<T>(result: T): T {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of (r as { fields?: { dataTypeID: number }[] })?.fields ?? []) f.dataTypeID = AS_TEXT[f.dataTypeID] ?? f.dataTypeID;
  }
  return result;
}

class CatalogClient extends pg.Client {
  // pg's query has promise and callback forms; both get the same rewrite.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callback = typeof args[args.length - 1] === "function" ? args.pop() : undefined;
    if (typeof args[0]?.submit === "function") return super.query(...(callback ? [...args, callback] : args) as [never]);
    const done = (super.query(...(args as [never])) as unknown as Promise<unknown>).then(readCatalogTypesAsText);
    if (!callback) return done;
    done.then((r) => callback(null, r), (e) => callback(e));
  }
}

/** DATABASE_URL as discrete fields: with a connectionString, pg ignores a changed database name. */
export function poolConfig(url = process.env.DATABASE_URL): pg.PoolConfig {
  if (!url) throw new Error("DATABASE_URL is not set (postgresql://user:password@host:port/database)");
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname),
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    Client: CatalogClient,
    // Without this the CLI waits out pg's 10 s idle timeout before it exits.
    allowExitOnIdle: true,
  };
}

/**
 * The stock shadow database (used by `migrate diff --from-migrations` and `migrate dev`) is
 * dropped while its own pool is still connected, which PostgreSQL refuses. Same steps here,
 * in the order that works: close the shadow pool, then drop the database, then the main pool.
 */
class MigratingPg extends PrismaPg {
  constructor(private readonly settings: pg.PoolConfig) {
    super(settings);
  }
  override async connectToShadowDb() {
    const main = await this.connect();
    const database = `prisma_shadow_${crypto.randomUUID().replace(/-/g, "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.settings, database }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "postgres", "schema.prisma"),
  migrations: { path: path.join("prisma", "postgres", "migrations") },
  adapter: async () => new MigratingPg(poolConfig()),
});
