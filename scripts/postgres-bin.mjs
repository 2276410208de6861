// Where Debian's PostgreSQL server programs are (not on PATH): the newest version's bin folder.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** The folder holding initdb and pg_ctl, or null when no PostgreSQL server is installed. */
export function postgresBin() {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], "bin") : null;
}
