// A new copy of the migrated base database (see global-setup.ts). Kept apart from db.ts so a
// test can point SQLITE_URL at its copy before anything imports the app's Prisma client.
import { copyFileSync } from "node:fs";
import { join } from "node:path";

export function freshDbUrl(name: string): string {
  const file = join(__dirname, ".tmp", `${name}-${process.pid}-${Date.now()}.db`);
  copyFileSync(join(__dirname, ".tmp", "base.db"), file);
  return `file:${file}`;
}
