// Migrate one base SQLite database with the checked-in migrations; test files copy it.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

export const BASE_DB = join(__dirname, ".tmp", "base.db");

export default function setup(): void {
  mkdirSync(join(__dirname, ".tmp"), { recursive: true });
  rmSync(BASE_DB, { force: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, SQLITE_URL: `file:${BASE_DB}` }, stdio: "pipe" });
}
