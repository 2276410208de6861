// End-to-end tests in Debian's chromium (never a downloaded browser), against the production
// build served by scripts/e2e-server.mjs on a fresh SQLite database.
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** The test OpenID provider for single sign-on, started by scripts/e2e-server.mjs beside the app. */
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 3299);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  // One retry, reported as "flaky" in the list: headless chromium now and then stops producing
  // animation frames for a page, and Playwright's click waits for two of them. A real failure
  // fails twice. Every test makes its own accounts and courses, so a retry starts clean.
  retries: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `node scripts/e2e-server.mjs`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    env: { E2E_PORT: String(PORT), E2E_IDP_PORT: String(IDP_PORT) },
    stdout: "pipe",
  },
});
