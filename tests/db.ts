// A fresh database per test file: a copy of the migrated base (see global-setup.ts).
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "../lib/db/client";

export function freshDb(name: string) {
  const file = join(__dirname, ".tmp", `${name}-${process.pid}-${Date.now()}.db`);
  copyFileSync(join(__dirname, ".tmp", "base.db"), file);
  return createClient(`file:${file}`);
}
