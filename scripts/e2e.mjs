#!/usr/bin/env node
// `npm run test:e2e`: Playwright in Debian's chromium. On a machine without chromium the browser
// tests are skipped with a warning, unless E2E_REQUIRED=1 (CI sets it), where that is a failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  const msg = `browser tests need Debian's chromium at ${chromium} (apt-get install chromium)`;
  if (process.env.E2E_REQUIRED === "1") {
    console.error(`error: ${msg}`);
    process.exit(1);
  }
  console.warn(`\n*** SKIPPED: ${msg} ***\n`);
  process.exit(0);
}
const r = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, CHROMIUM_PATH: chromium, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" } });
process.exit(r.status ?? 1);
