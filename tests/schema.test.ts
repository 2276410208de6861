// The database schema: one set of models, two providers, each with checked-in migrations that
// must build exactly what its schema says. PostgreSQL is checked in the PostgreSQL pass.
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { freshDbUrl } from "./db-file";

/** Runs a command with its output in a file (some Prisma commands linger when stdout is a pipe). */
function run(cmd: string, args: string[], env: Record<string, string>): { status: number; output: string } {
  const log = join(mkdtempSync(join(tmpdir(), "handprop-schema-")), "out.txt");
  const fd = openSync(log, "w");
  let status = 0;
  try {
    execFileSync(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", fd, fd] });
  } catch (e) {
    status = (e as { status?: number }).status ?? 1;
  } finally {
    closeSync(fd);
  }
  return { status, output: readFileSync(log, "utf8") };
}

/** `migrate diff` between the migrations (replayed on a shadow database) and the schema: exit 0 means none. */
function drift(provider: "sqlite" | "postgres", url: string) {
  const [config, dir, schema] =
    provider === "sqlite" ? ["prisma.config.ts", "prisma/migrations", "prisma/schema.prisma"] : ["prisma.postgres.config.ts", "prisma/postgres/migrations", "prisma/postgres/schema.prisma"];
  return run("npx", ["prisma", "migrate", "diff", "--config", config, "--from-migrations", dir, "--to-schema-datamodel", schema, "--exit-code"], provider === "sqlite" ? { SQLITE_URL: url } : { DATABASE_URL: url });
}

describe("the database schema", () => {
  it("keeps prisma/postgres/schema.prisma derived from prisma/schema.prisma", () => {
    expect(() => execFileSync("node", ["scripts/pg-schema.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });

  it("has SQLite migrations that build exactly the schema", async () => {
    const r = drift("sqlite", `file:${join(mkdtempSync(join(tmpdir(), "handprop-drift-")), "main.db")}`);
    expect(r.output).toMatch(/No difference detected/);
    expect(r.status).toBe(0);
  });

  it.runIf(inject("pgAdminUrl"))("has PostgreSQL migrations that build exactly the schema", async () => {
    const r = drift("postgres", await freshDbUrl("schema"));
    expect(r.output).toMatch(/No difference detected/);
    expect(r.status).toBe(0);
  });
});
