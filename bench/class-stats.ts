// `npm run bench` (part 3): the statistics of a 500 × 20 × 5 class, computed in-process, and the
// problem-set page's server time over HTTP against the production build.
import { join } from "node:path";
import { createClient } from "../lib/db/client";
import { setStatistics } from "../lib/teach/stats";
import { startApp } from "./app-server";
import { ATTEMPTS, buildClassFixture, EXERCISES, STUDENTS } from "./class-fixture";

const root = join(import.meta.dirname, "..");
const file = join(root, "tests", ".tmp", "class.db");
const t0 = performance.now();
const { setId, teacherEmail } = await buildClassFixture(file);
console.log(`\nclass fixture: ${STUDENTS} students × ${EXERCISES} exercises × ${ATTEMPTS} attempts = ${STUDENTS * EXERCISES * ATTEMPTS} graded submissions, built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const db = createClient(`file:${file}`);
const teacher = await db.user.findUniqueOrThrow({ where: { email: teacherEmail } });
const actor = { id: teacher.id, role: "instructor" as const };
const samples: number[] = [];
for (let i = 0; i < 12; i++) {
  const s = performance.now();
  await setStatistics(db, actor, setId);
  samples.push(performance.now() - s);
}
samples.sort((a, b) => a - b);
console.log(`${"statistics query + aggregation (in-process)".padEnd(52)} median ${samples[6].toFixed(1).padStart(8)} ms   max ${samples[11].toFixed(1)} ms (12 runs)`);
await db.$disconnect();

// The page over HTTP, signed in as the instructor.
const app = await startApp(`file:${file}`, 3291);
await app.signIn(teacherEmail);
const get = app.get;
const page = async () => {
  const res = await get(`/teach/sets/${setId}`);
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  await res.text();
};
for (let i = 0; i < 3; i++) await page();
const http: number[] = [];
for (let i = 0; i < 20; i++) {
  const s = performance.now();
  await page();
  http.push(performance.now() - s);
}
http.sort((a, b) => a - b);
console.log(`${"problem-set statistics page, server time (HTTP)".padEnd(52)} median ${http[10].toFixed(1).padStart(8)} ms   p95 ${http[18].toFixed(1)} ms (20 requests)`);
app.stop();
process.exit(0);
