// `npm run db:seed`: the demo course and accounts (idempotent), then prints how to sign in.
import { createClient } from "../lib/db/client";
import { DEMO_JOIN_CODE, DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../lib/course/demo";

const db = createClient();
await seedDemo(db);
await db.$disconnect();
console.log("\nDemo accounts (password for all: " + DEMO_PASSWORD + "):");
for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.email.padEnd(24)} ${u.name}`);
console.log(`Join code of the demo course: ${DEMO_JOIN_CODE} (bob@handprop.test is not enrolled yet: try it)\n`);
