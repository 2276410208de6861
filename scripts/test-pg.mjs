#!/usr/bin/env node
// `npm run test:pg`: the database tests again, on PostgreSQL (a throwaway local server, or the
// one PG_TEST_URL names). Skipped with a notice when neither is available, unless PG_REQUIRED=1
// (CI), where a missing server is a failure.
import { spawnSync } from "node:child_process";
import { postgresBin } from "./postgres-bin.mjs";

const FILES = ["tests/schema.test.ts", "tests/stats-students.test.ts", "tests/notice-action.test.ts", "tests/work.test.ts", "tests/hot-paths.test.ts", "tests/teach.test.ts", "tests/routes.test.ts", "tests/throttle.test.ts", "tests/auth-doors.test.ts", "tests/form-doors.test.ts", "tests/crash.test.ts", "tests/jobs.test.ts", "tests/staff.test.ts", "tests/lti.test.ts", "tests/sso.test.ts", "tests/roster.test.ts", "tests/accounts.test.ts", "tests/exceptions.test.ts", "tests/exception-forms.test.ts", "tests/set-life.test.ts", "tests/localized-titles.test.ts", "tests/standing.test.ts", "tests/lti-joining.test.ts", "tests/paper.test.ts"];
if (!postgresBin() && !process.env.PG_TEST_URL) {
  const message = "PostgreSQL pass skipped: no server (apt-get install postgresql, or set PG_TEST_URL)";
  if (process.env.PG_REQUIRED === "1") {
    console.error(`${message}, and PG_REQUIRED=1`);
    process.exit(1);
  }
  console.log(message);
  process.exit(0);
}
const r = spawnSync("npx", ["vitest", "run", ...FILES], { stdio: "inherit", env: { ...process.env, HANDPROP_TEST_DB: "postgres" } });
process.exit(r.status ?? 1);
