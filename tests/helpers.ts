// Shared test helpers: reading the worked examples, comparing numbers, random networks.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../lib/errors";

/** Copies of ../shared/worked-examples (the seeds transcribed, with exact answers), so a clone tests alone. */
export const WORKED = join(__dirname, "fixtures", "worked-examples");

export function workedExamples(): { name: string; exercise: unknown; expected: unknown }[] {
  return readdirSync(WORKED)
    .filter((f) => f.endsWith(".expected.json"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -".expected.json".length);
      return {
        name,
        exercise: JSON.parse(readFileSync(join(WORKED, `${name}.json`), "utf8")),
        expected: JSON.parse(readFileSync(join(WORKED, f), "utf8")),
      };
    });
}

/** Every number of `expected` has a counterpart in `got` within relative `rel` (absolute `abs` near 0). */
export function mismatches(got: unknown, expected: unknown, rel = 1e-9, abs = 1e-12, path = ""): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(got) || got.length !== expected.length) return [`${path}: length`];
    return expected.flatMap((e, i) => mismatches(got[i], e, rel, abs, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === "object") {
    if (got === null || typeof got !== "object") return [`${path}: not an object`];
    const g = got as Record<string, unknown>;
    return Object.entries(expected).flatMap(([k, e]) => (k in g ? mismatches(g[k], e, rel, abs, `${path}.${k}`) : [`${path}.${k}: missing`]));
  }
  if (typeof expected === "number") {
    return typeof got === "number" && Math.abs(got - expected) <= Math.max(abs, rel * Math.abs(expected)) ? [] : [`${path}: ${String(got)} ≠ ${expected}`];
  }
  return got === expected ? [] : [`${path}: ${JSON.stringify(got)} ≠ ${JSON.stringify(expected)}`];
}

/** A small deterministic generator for test data (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A writer of numbered JSON files in a fresh temporary folder (strings are written as they are). */
export function jsonFiles(prefix: string): (content: unknown) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let n = 0;
  return (content) => {
    const f = join(dir, `case-${n++}.json`);
    writeFileSync(f, typeof content === "string" ? content : JSON.stringify(content));
    return f;
  };
}

/** The AppError code a domain call fails with, or "OK". */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return "OK";
}

/** The demo accounts with these emails as actors (id and role), in order. */
export async function actorsOf(db: { user: { findUniqueOrThrow(a: { where: { email: string } }): Promise<{ id: string; role: string }> } }, ...emails: string[]) {
  return Promise.all(
    emails.map(async (email) => {
      const u = await db.user.findUniqueOrThrow({ where: { email } });
      return { id: u.id, role: u.role as "student" | "instructor" };
    }),
  );
}
