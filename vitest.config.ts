import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // server-only throws outside React server components; under vitest it is a no-op.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 60_000,
    // Cheap password hashes for the many accounts the suites create (never outside NODE_ENV=test;
    // tests/auth-doors.test.ts checks the real OWASP parameters with this switched off).
    env: { HANDPROP_INSECURE_TEST_HASHING: "1" },
  },
});
