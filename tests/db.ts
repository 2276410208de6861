// A fresh database per test file: a copy of the migrated base (see global-setup.ts).
import { createClient } from "../lib/db/client";
import { freshDbUrl } from "./db-file";

export async function freshDb(name: string) {
  return createClient(await freshDbUrl(name));
}
