// A server killed mid-write loses nothing it acknowledged and leaves nothing half-written: a
// writer process grading attempts in a loop is killed (SIGKILL) at a random moment, five times,
// and the database is checked after each kill.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbUrl } from "./db-file";
import { createClient, type PrismaClient } from "../lib/db/client";
import { seedDemo } from "../lib/course/demo";

let url = "";
let db: PrismaClient;
let userId = "";

beforeAll(async () => {
  url = await freshDbUrl("crash");
  db = createClient(url);
  await seedDemo(db);
  userId = (await db.user.findUniqueOrThrow({ where: { email: "alice@handprop.test" } })).id;
});
afterAll(() => db.$disconnect());

/** Runs the writer until it has acknowledged `writes` attempts, then 0 to 50 ms more (about one write), then kills it. */
function runAndKill(writes: number): Promise<{ submissions: string[]; drafts: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/crash-writer.ts", url, userId], { stdio: ["ignore", "pipe", "pipe"] });
    const submissions: string[] = [];
    const drafts: string[] = [];
    let buffer = "";
    let stderr = "";
    let killing = false;
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        const [kind, id] = line.split(" ");
        (kind === "submission" ? submissions : drafts).push(id);
      }
      if (!killing && submissions.length >= writes) {
        killing = true;
        setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 50));
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve({ submissions, drafts }) : reject(new Error(`writer stopped by itself: ${stderr.slice(0, 500)}`))));
  });
}

describe("a server killed mid-write", () => {
  it("keeps every acknowledged attempt, and every attempt whole, after five kills", { timeout: 120_000 }, async () => {
    for (let round = 0; round < 5; round++) {
      const acknowledged = await runAndKill(3 + round);
      // A fresh connection, as a restarted server would open.
      const after = createClient(url);
      try {
        if (url.startsWith("file:")) expect(await after.$queryRawUnsafe("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
        const stored = await after.submission.findMany({ where: { userId }, include: { grades: true } });
        const ids = new Set(stored.map((s) => s.id));
        for (const id of acknowledged.submissions) expect(ids.has(id), `acknowledged submission ${id}`).toBe(true);
        // No attempt without its grade, no grade without its attempt's result row.
        for (const s of stored) expect(s.grades, s.id).toHaveLength(1);
        const variants = await after.variant.findMany({ where: { userId, practice: true }, include: { submissions: true, result: true, draft: true } });
        for (const v of variants) {
          if (v.submissions.length) expect(v.result?.attempts, v.id).toBe(v.submissions.length);
          if (v.draft) expect(() => JSON.parse(v.draft!.answersJson)).not.toThrow();
        }
        for (const id of acknowledged.drafts) expect(variants.find((v) => v.id === id)?.draft, `draft of ${id}`).toBeTruthy();
      } finally {
        await after.$disconnect();
      }
    }
  });
});
