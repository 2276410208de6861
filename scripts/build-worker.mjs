#!/usr/bin/env node
// Bundles the worker pool's entry (lib/run/worker.ts) into .worker/worker.mjs, one file the
// worker threads load without a TypeScript loader. Run by postinstall, `npm run build`, the demo
// and the test setup; fast (about a second).
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function buildWorker() {
  await build({
    entryPoints: [join(root, "lib", "run", "worker.ts")],
    outfile: join(root, ".worker", "worker.mjs"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    // Some bundled CommonJS modules call require(); give the ES module one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildWorker();
