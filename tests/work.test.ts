// A student's work against a real SQLite database created by the migrations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../lib/course/demo";
import { revealedByRules } from "../lib/course/reveal";
import { draftOf, joinCourse, openItem, saveDraft, startPractice, submissionOf, submitAnswers, variantOf } from "../lib/course/work";
import { freshDb } from "./db";
import { errorCode } from "./helpers";

const db = await freshDb("work");
let alice: { id: string; role: "student" };
let taro: { id: string; role: "student" };
let bob: { id: string; role: "student" };
let itemId: string;

beforeAll(async () => {
  const { problemSetId } = await seedDemo(db);
  const user = async (email: string) => ({ id: (await db.user.findUniqueOrThrow({ where: { email } })).id, role: "student" as const });
  [alice, taro, bob] = await Promise.all(["alice@handprop.test", "taro@handprop.test", "bob@handprop.test"].map(user));
  itemId = (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId, position: 0 } })).id;
});
afterAll(() => db.$disconnect());

const code = errorCode;

describe("a student's exercise", () => {
  it("gives each student their own variant, the same one on every visit", async () => {
    const a1 = await openItem(db, alice, itemId);
    const a2 = await openItem(db, alice, itemId);
    const t = await openItem(db, taro, itemId);
    expect(a2.id).toBe(a1.id);
    expect(a1.exerciseJson).not.toBe(t.exerciseJson);
  });

  it("keeps students out of courses they have not joined, until they join with the code", async () => {
    expect(await code(openItem(db, bob, itemId))).toBe("NOT_FOUND");
    expect(await code(joinCourse(db, bob, "WRONG"))).toBe("NOT_FOUND");
    await joinCourse(db, bob, "demo2026");
    expect(await code(openItem(db, bob, itemId))).toBe("OK");
  });

  it("never lets a student read or change another student's variant, draft or submission", async () => {
    const v = await openItem(db, alice, itemId);
    expect(await code(variantOf(db, taro, v.id))).toBe("NOT_FOUND");
    expect(await code(saveDraft(db, taro, v.id, { "steps[0].loss": [["1"]] }))).toBe("NOT_FOUND");
    expect(await code(submitAnswers(db, taro, v.id, { "steps[0].loss": [["1"]] }, "taro-key-000001"))).toBe("NOT_FOUND");
    const s = await submitAnswers(db, alice, v.id, { "steps[0].loss": [["1"]] }, "alice-key-00001");
    expect(await code(submissionOf(db, taro, s.id))).toBe("NOT_FOUND");
    expect(await db.draft.count({ where: { variantId: v.id, answersJson: { contains: "taro" } } })).toBe(0);
  });

  it("saves drafts and reads them back", async () => {
    const v = await openItem(db, taro, itemId);
    await saveDraft(db, taro, v.id, { "steps[0].layers[0].A": [["1", "2/3", ""]] });
    const again = await variantOf(db, taro, v.id);
    expect(JSON.parse(again.draft!.answersJson)).toEqual({ "steps[0].layers[0].A": [["1", "2/3", ""]] });
    expect(await code(saveDraft(db, taro, v.id, { "not a path": [["1"]] }))).toBe("INVALID_INPUT");
  });

  it("keeps the newest entry of each cell from two browsers, their clocks set right by the server's", async () => {
    const v = await startPractice(db, taro, "lecture-2-3-3-2");
    const A = "steps[0].layers[0].A";
    const now = Date.now();
    // The laptop's clock is right; it typed every cell 5 s ago.
    await saveDraft(db, taro, v.id, { "steps[0].loss": [["1"]], [A]: [["1", "2", "3"]] }, { times: { "steps[0].loss": [[now - 5000]], [A]: [[now - 5000, now - 5000, now - 5000]] }, now }, now);
    // The phone's clock is an hour behind: one cell typed a second ago, the others (stale) ten seconds ago.
    const phone = now - 3_600_000;
    const fromPhone = await saveDraft(db, taro, v.id, { [A]: [["7", "9", "7"]] }, { times: { [A]: [[phone - 10_000, phone - 1000, phone - 10_000]] }, now: phone }, now + 10);
    expect(fromPhone.answers).toEqual({ "steps[0].loss": [["1"]], [A]: [["1", "9", "3"]] });
    expect(fromPhone.times[A][0][1]).toBe(now - 1000 + 10);
    // An old copy sent again (a tab left open) changes nothing; a clock running ahead cannot win the future.
    await saveDraft(db, taro, v.id, { [A]: [["0", "0", "0"]] }, { times: { [A]: [[now - 9000, now - 9000, now - 9000]] }, now }, now + 20);
    const ahead = now + 3_600_000;
    const fromAhead = await saveDraft(db, taro, v.id, { "steps[0].loss": [["5"]] }, { times: { "steps[0].loss": [[ahead + 60_000]] }, now: ahead }, now + 30);
    expect(fromAhead.times["steps[0].loss"][0][0]).toBe(now + 30);
    const read = await draftOf(db, taro, v.id);
    expect(read.answers).toEqual({ "steps[0].loss": [["5"]], [A]: [["1", "9", "3"]] });
    expect(await code(draftOf(db, alice, v.id))).toBe("NOT_FOUND");
  });

  it("loses no newer cell when saves of one draft race", async () => {
    const v = await startPractice(db, taro, "lecture-2-3-3-2");
    const A = "steps[0].layers[0].A";
    const now = Date.now();
    // Eight saves at once, each the newest for one cell of its own (the others blank and older).
    const saves = Array.from({ length: 8 }, (_, k) => {
      const cells = Array.from({ length: 8 }, (_, j) => (j === k ? String(k + 1) : ""));
      const times = Array.from({ length: 8 }, (_, j) => (j === k ? now - 100 + k : now - 1000));
      return saveDraft(db, taro, v.id, { [A]: [cells] }, { times: { [A]: [times] }, now }, now);
    });
    await Promise.all(saves);
    const stored = await db.draft.findUniqueOrThrow({ where: { variantId: v.id } });
    expect(JSON.parse(stored.answersJson)).toEqual({ [A]: [["1", "2", "3", "4", "5", "6", "7", "8"]] });
    expect(JSON.parse(stored.cellTimesJson)[A][0]).toEqual(Array.from({ length: 8 }, (_, k) => now - 100 + k));
  });

  it("records one submission for a double submit, and refuses unreadable answers without using an attempt", async () => {
    const v = await openItem(db, bob, itemId);
    expect(await code(submitAnswers(db, bob, v.id, { "steps[0].loss": [["9^9^9^9"]] }, "bob-key-0000001"))).toBe("INVALID_INPUT");
    const [a, b] = await Promise.all([
      submitAnswers(db, bob, v.id, { "steps[0].loss": [["2"]] }, "bob-key-0000002"),
      submitAnswers(db, bob, v.id, { "steps[0].loss": [["2"]] }, "bob-key-0000002"),
    ]);
    expect(a.id).toBe(b.id);
    expect(await db.submission.count({ where: { variantId: v.id } })).toBe(1);
    const s = await submissionOf(db, bob, a.id);
    expect(s.attempt).toBe(1);
    expect(JSON.parse(s.grades[0].gradeJson).items.length).toBeGreaterThan(10);
  });

  it("stops at the allowed number of attempts and reveals the solution then", async () => {
    const v = await openItem(db, taro, itemId);
    for (let i = 1; i <= 3; i++) await submitAnswers(db, taro, v.id, { "steps[0].loss": [[String(i)]] }, `taro-attempt-${i}xx`);
    expect(await code(submitAnswers(db, taro, v.id, { "steps[0].loss": [["4"]] }, "taro-attempt-4xx"))).toBe("CONFLICT");
    const rules = { attemptsAllowed: 3, dueAt: null, revealPolicy: "after_last_attempt_or_due", carriedCredit: 1, latePolicy: "refuse", latePenalty: 0 };
    expect(revealedByRules(rules, 2)).toBe(false);
    expect(revealedByRules(rules, 3)).toBe(true);
    expect(revealedByRules({ ...rules, dueAt: new Date(Date.now() - 1000) }, 0)).toBe(true);
  });

  it("practice variants are fresh each time and belong to their student only", async () => {
    const p1 = await startPractice(db, alice, "lecture-2-3-3-2-random");
    const p2 = await startPractice(db, alice, "lecture-2-3-3-2-random");
    expect(p1.exerciseJson).not.toBe(p2.exerciseJson);
    expect(await code(variantOf(db, bob, p1.id))).toBe("NOT_FOUND");
    expect(await code(startPractice(db, alice, "no-such-template"))).toBe("NOT_FOUND");
  });
});
