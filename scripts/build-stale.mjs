// Whether the production build in .next/ is missing or older than any source file: the demo, the
// browser tests and the benchmarks rebuild before they run such a build.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["app", "lib", "exercises"];

const newest = (dir) => readdirSync(dir, { withFileTypes: true }).reduce((t, e) => Math.max(t, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs), 0);

/** @param {string} root the project folder */
export function buildIsStale(root) {
  const id = join(root, ".next", "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  return SOURCES.some((d) => existsSync(join(root, d)) && newest(join(root, d)) > built);
}
