// The writer that tests/crash.test.ts kills: saves drafts and grades attempts on practice
// variants as fast as it can, printing one line per write that has returned (committed).
import { createClient } from "../lib/db/client";
import { saveDraft, startPractice, submitAnswers } from "../lib/course/work";

const [url, userId] = process.argv.slice(2);
const db = createClient(url);
const actor = { id: userId, role: "student" as const };

for (let n = 0; ; n++) {
  const variant = await startPractice(db, actor, "lecture-2-3-3-2-random");
  for (let attempt = 0; attempt < 3; attempt++) {
    const answers = { "steps[0].loss": [[`${n}.${attempt}`]], "steps[0].layers[0].A": [[String(attempt), "1/2", "-3"]] };
    await saveDraft(db, actor, variant.id, answers);
    console.log(`draft ${variant.id}`);
    const s = await submitAnswers(db, actor, variant.id, answers, `crash-${process.pid}-${n}-${attempt}`);
    console.log(`submission ${s.id}`);
  }
}
