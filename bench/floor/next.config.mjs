// The floor app (bench/floor.ts): built from the repository's own node_modules.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export default { poweredByHeader: false, turbopack: { root: join(here, "..", "..") } };
