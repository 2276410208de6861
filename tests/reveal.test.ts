// Solutions are shown by one rule (lib/course/reveal.ts). Both leaks of issue 9 tried as a student,
// through the pages' domain functions and the JSON routes, against a database made by the migrations.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Grade } from "../lib/grading";
import type { AppError } from "../lib/errors";
import { freshDbUrl, useForApp } from "./db-file";
import { errorCode } from "./helpers";

useForApp(await freshDbUrl("reveal"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { seedDemo } = await import("../lib/course/demo");
const { openItem, startPractice, submitAnswers } = await import("../lib/course/work");
const { attemptView, gradeFor, mayReveal, mayRevealBuiltin, revealedByRules, workView } = await import("../lib/course/reveal");
const { builtinTemplates, practiceTemplate, practiceTemplates } = await import("../lib/exercises/builtin");
const { drawVariant } = await import("../lib/exercises/template");
const { readExercise } = await import("../lib/exercises/instance");
const { createSet, updateRules } = await import("../lib/teach/sets");
const { translator } = await import("../lib/i18n");
const submissions = await import("../app/api/variants/[id]/submissions/route");

type Actor = { id: string; role: "student" | "instructor" };
let teacher: Actor, alice: Actor, taro: Actor, bob: Actor;
let courseId = "";
const DAY = 24 * 3600 * 1000;
const fixedTemplates = builtinTemplates().filter((t) => t.fixed);
const lecture = builtinTemplates().find((t) => t.id === "lecture-2-3-3-2")!;
const lectureRandom = builtinTemplates().find((t) => t.id === "lecture-2-3-3-2-random")!;

beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  const user = async (email: string) => {
    const u = await db.user.findUniqueOrThrow({ where: { email } });
    return { id: u.id, role: u.role as Actor["role"] };
  };
  [teacher, alice, taro, bob] = await Promise.all(["teacher", "alice", "taro", "bob"].map((n) => user(`${n}@handprop.test`)));
});
afterAll(() => db.$disconnect());

/** A POST to the submissions route as `who`, the way a browser with their session sends it. */
async function postAttempt(who: Actor, variantId: string, key: string, answers: Record<string, string[][]> = { "steps[0].loss": [["1"]] }) {
  const token = await encode({ token: { sub: who.id }, secret: sessionSecret(), maxAge: 3600 });
  const req = new NextRequest("http://localhost/api/x", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: `next-auth.session-token=${token}` },
    body: JSON.stringify({ answers, idempotencyKey: key }),
  });
  return submissions.POST(req, { params: Promise.resolve({ id: variantId }) });
}

/** A problem set written straight to the database, as sets made before the rules form refused such rules are. */
async function rawSet(rules: { revealPolicy: string; latePolicy: string; dueAt: Date | null; attemptsAllowed?: number }) {
  const set = await db.problemSet.create({
    data: {
      courseId,
      title: `${rules.revealPolicy} ${rules.latePolicy}`,
      dueAt: rules.dueAt,
      attemptsAllowed: rules.attemptsAllowed ?? 3,
      revealPolicy: rules.revealPolicy,
      latePolicy: rules.latePolicy,
      latePenalty: 0.2,
      // The randomised lecture exercise: a fixed one also waits for every other set of the course (below).
      items: { create: [{ position: 0, templateId: lectureRandom.id, title: lectureRandom.title, templateJson: JSON.stringify(lectureRandom) }] },
    },
    include: { items: true },
  });
  return set.items[0].id;
}

const hasExactValues = (g: Grade) => g.items.some((i) => "expected" in i || "carried_expected" in i);
const givenNumbers = (exercise: unknown) => {
  const { data, layers } = exercise as { data: unknown; layers: unknown };
  return JSON.stringify({ data, layers });
};

describe("practice never shows a fixed exercise's numbers", () => {
  it("offers only randomised templates, and each fixed one has a random sibling of the same shape", () => {
    expect(practiceTemplates().length).toBeGreaterThan(0);
    expect(practiceTemplates().every((t) => !t.fixed)).toBe(true);
    for (const fixed of fixedTemplates) {
      const sibling = practiceTemplate(fixed.id);
      expect(sibling?.id, fixed.id).toBe(`${fixed.id}-random`);
      const [a, b] = [readExercise(fixed.fixed), readExercise(drawVariant(sibling!, "shape"))];
      const shape = (n: typeof a) => ({ sizes: [n.inputs[0].length, ...n.layers.map((l) => l.W[0].length)], acts: n.layers.map((l) => l.activation), bias: n.layers.map((l) => !!l.B), loss: n.loss, layout: n.layout, batch: n.inputs.length, steps: n.steps });
      expect(shape(b), fixed.id).toEqual(shape(a));
    }
  });

  it("draws from the random sibling when a fixed template's id is posted directly", async () => {
    for (const fixed of fixedTemplates) {
      const v = await startPractice(db, alice, fixed.id);
      const drawn = JSON.parse(v.exerciseJson);
      expect(drawn.template).toBe(`${fixed.id}-random`);
      expect(givenNumbers(drawn)).not.toBe(givenNumbers(fixed.fixed));
      // Submitting anything shows this variant's solution, never the fixed exercise's.
      expect((await postAttempt(alice, v.id, `practice-${fixed.id}`.slice(0, 60))).status).toBe(201);
      const page = await workView(db, alice, v.id);
      expect(page.revealed).toBe(true);
      expect(givenNumbers(JSON.parse(page.variant.exerciseJson))).not.toBe(givenNumbers(fixed.fixed));
    }
    expect(await errorCode(startPractice(db, alice, "no-such-template"))).toBe("NOT_FOUND");
  });

  it("never reveals a practice variant that holds a fixed exercise's numbers (made before this rule)", async () => {
    const v = await db.variant.create({ data: { userId: alice.id, seed: "old", practice: true, exerciseJson: JSON.stringify(drawVariant(lecture, "old")) } });
    expect((await postAttempt(alice, v.id, "old-practice-01")).status).toBe(201);
    const page = await workView(db, alice, v.id);
    expect([page.revealed, page.moment, page.submissions.length]).toEqual([false, "never", 1]);
    const s = await db.submission.findFirstOrThrow({ where: { variantId: v.id } });
    const { grade, revealed } = await attemptView(db, alice, s.id);
    expect(revealed).toBe(false);
    expect(hasExactValues(grade!)).toBe(false);
  });

  it("keeps a fixed built-in's own worked solution to instructors", () => {
    expect(mayRevealBuiltin(alice, lecture)).toBe(false);
    expect(mayRevealBuiltin(null, lecture)).toBe(false);
    expect(mayRevealBuiltin(teacher, lecture)).toBe(true);
    expect(mayRevealBuiltin(alice, practiceTemplate(lecture.id)!)).toBe(true);
  });
});

describe("solutions after the due date wait until no one may still submit", () => {
  it("shows nothing to a student who never submitted while late work is accepted, and strips their late grade", async () => {
    const itemId = await rawSet({ revealPolicy: "after_due", latePolicy: "accept", dueAt: new Date(Date.now() - DAY) });
    const v = await openItem(db, alice, itemId);
    const before = await workView(db, alice, v.id);
    expect([before.revealed, before.moment, before.attemptsLeft]).toEqual([false, "never", 3]);
    const res = await postAttempt(alice, v.id, "alice-late-0001");
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["submissionId", "url"]);
    const { submission, grade, revealed } = await attemptView(db, alice, body.submissionId);
    expect([submission.late, revealed]).toEqual([true, false]);
    expect(grade!.items.length).toBeGreaterThan(10);
    expect(hasExactValues(grade!)).toBe(false);
    expect(JSON.stringify(grade)).not.toMatch(/expected/);
    // Verdicts, marks and hints stay.
    expect(grade!.items.find((i) => i.path === "steps[0].loss")).toMatchObject({ verdict: "incorrect", entries: [[false]] });
    // The course's instructor sees the exact values; another student never.
    expect(await mayReveal(db, teacher, submission.variant)).toBe(true);
    expect(await mayReveal(db, taro, submission.variant)).toBe(false);
    expect(await mayReveal(db, bob, submission.variant)).toBe(false);
  });

  it("drops the due-date part of 'after the last attempt or the due date' while late work is accepted", async () => {
    const itemId = await rawSet({ revealPolicy: "after_last_attempt_or_due", latePolicy: "accept", dueAt: new Date(Date.now() - DAY), attemptsAllowed: 2 });
    const v = await openItem(db, taro, itemId);
    expect(await workView(db, taro, v.id)).toMatchObject({ revealed: false, moment: "last_attempt" });
    for (const n of [1, 2]) expect((await postAttempt(taro, v.id, `taro-late-000${n}`)).status).toBe(201);
    expect(await workView(db, taro, v.id)).toMatchObject({ revealed: true, attemptsLeft: 0 });
  });

  it("reveals at the due date once late work is refused, when no one can submit any more", async () => {
    const itemId = await rawSet({ revealPolicy: "after_due", latePolicy: "refuse", dueAt: new Date(Date.now() - DAY) });
    const v = await openItem(db, alice, itemId);
    expect(await workView(db, alice, v.id)).toMatchObject({ revealed: true, attemptsLeft: 0, moment: "due" });
    expect(await errorCode(submitAnswers(db, alice, v.id, { "steps[0].loss": [["1"]] }, "alice-closed-01"))).toBe("CONFLICT");
    const rules = { attemptsAllowed: 3, revealPolicy: "after_due", latePolicy: "accept", dueAt: new Date(Date.now() - DAY) };
    expect(revealedByRules(rules, 0)).toBe(false);
    expect(revealedByRules({ ...rules, latePolicy: "refuse" }, 0)).toBe(true);
  });

  it("keeps exact values out of a grade until the rules reveal them, then gives them", async () => {
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSet: { courseId, title: { startsWith: "Week 1" } }, position: 0 } });
    const v = await openItem(db, alice, item.id);
    const ids: string[] = [];
    const attempt = async (n: number) => ids.push((await (await postAttempt(alice, v.id, `alice-week1-00${n}`)).json()).submissionId);
    await attempt(1);
    const before = await attemptView(db, alice, ids[0]);
    expect(before.revealed).toBe(false);
    expect(hasExactValues(before.grade!)).toBe(false);
    expect(before.grade!.items.some((i) => i.verdict === "missing")).toBe(true);
    // Three attempts allowed: after the third the solution is revealed, on every attempt's page.
    await attempt(2);
    await attempt(3);
    const first = await attemptView(db, alice, ids[0]);
    expect(first.revealed).toBe(true);
    expect(hasExactValues(first.grade!)).toBe(true);
    const stored = JSON.parse((await db.grade.findFirstOrThrow({ where: { submissionId: ids[0] } })).gradeJson) as Grade;
    expect(hasExactValues(gradeFor(stored, false))).toBe(false);
    expect(gradeFor(stored, false).items.map((i) => [i.path, i.verdict, i.points])).toEqual(stored.items.map((i) => [i.path, i.verdict, i.points]));
  });
});

describe("the rules form", () => {
  const tiny = JSON.stringify({ id: "tiny-reveal", title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
  const base = { title: "Rules", templatesJson: [tiny], attemptsAllowed: 3, carriedCredit: 1 };

  async function refusal(p: Promise<unknown>): Promise<AppError> {
    const e = await p.then(() => null, (x: unknown) => x as AppError);
    expect(e?.code).toBe("INVALID_INPUT");
    return e!;
  }
  const inEvery = (key: string) => (["en", "ja", "ko"] as const).map((l) => translator(l)(key));

  it("refuses solutions after the due date with late work accepted, naming the policy in every language", async () => {
    const e = await refusal(createSet(db, teacher, courseId, { ...base, revealPolicy: "after_due", latePolicy: "accept", dueAt: "2030-01-01T00:00:00Z" }));
    expect(Object.keys(e.details ?? {})).toEqual(["revealPolicy"]);
    const [en, ja, ko] = inEvery(e.say!);
    expect(en).toContain("“Solutions revealed”: “after the due date” with late submissions accepted needs “Late submissions taken until");
    expect(ja).toContain("「解答例の公開」を「締切後」にするには、「遅延提出の受付終了");
    expect(ko).toContain("'풀이 공개 시점'을(를) '마감 후'(으)로 하려면 '늦은 제출 마감");
    const ok = await createSet(db, teacher, courseId, { ...base, revealPolicy: "after_due", latePolicy: "refuse", dueAt: "2030-01-01T00:00:00Z" });
    await refusal(updateRules(db, teacher, ok.id, { ...base, revealPolicy: "after_due", latePolicy: "accept", dueAt: "2030-01-01T00:00:00Z" }));
    // The last attempt still reveals while late work is accepted.
    await createSet(db, teacher, courseId, { ...base, revealPolicy: "after_last_attempt_or_due", latePolicy: "accept", dueAt: "2030-01-01T00:00:00Z" });
  });

  it("refuses a set that opens after it is due, naming the field in every language", async () => {
    const dates = { opensAt: "2030-02-01T00:00:00Z", dueAt: "2030-01-01T00:00:00Z" };
    const e = await refusal(createSet(db, teacher, courseId, { ...base, revealPolicy: "never", ...dates }));
    expect(Object.keys(e.details ?? {})).toEqual(["opensAt"]);
    expect(inEvery(e.say!)).toEqual([
      "“Opens at” must be before “Due at”: a problem set cannot open after it is due.",
      "「公開日時」は「締切日時」より前にしてください。締切後に公開される課題は作れません。",
      "'공개 일시'은(는) '마감 일시'보다 앞서야 합니다. 마감 후에 공개되는 과제는 만들 수 없습니다.",
    ]);
    const set = await createSet(db, teacher, courseId, { ...base, revealPolicy: "never", opensAt: "2029-12-01T00:00:00Z", dueAt: dates.dueAt });
    await refusal(updateRules(db, teacher, set.id, { ...base, revealPolicy: "never", ...dates }));
  });

  it("refuses to take answers again once the due date has shown the solutions", async () => {
    const past = new Date(Date.now() - DAY).toISOString();
    const set = await createSet(db, teacher, courseId, { ...base, revealPolicy: "after_last_attempt_or_due", dueAt: past });
    const later = new Date(Date.now() + DAY).toISOString();
    const e = await refusal(updateRules(db, teacher, set.id, { ...base, revealPolicy: "after_last_attempt_or_due", dueAt: later }));
    expect(e.say).toBe("errors.reopensShownSolutions");
    await refusal(updateRules(db, teacher, set.id, { ...base, revealPolicy: "after_last_attempt_or_due", dueAt: past, latePolicy: "accept" }));
    // Other changes to a closed set are fine.
    await updateRules(db, teacher, set.id, { ...base, revealPolicy: "after_last_attempt_or_due", dueAt: past, carriedCredit: 0.5 });
  });
});

describe("no solution reaches a student who can still submit (issue 19)", () => {
  const tiny = JSON.stringify({ id: "tiny-first", title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
  const base = { title: "Rules 19", templatesJson: [tiny], carriedCredit: 1 };
  const inEvery = (key: string) => (["en", "ja", "ko"] as const).map((l) => translator(l)(key));
  const refused = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x: unknown) => x as AppError);
    expect(e?.code).toBe("INVALID_INPUT");
    return e!;
  };

  it("refuses solutions after the first attempt with more than one attempt, in every language", async () => {
    const e = await refused(createSet(db, teacher, courseId, { ...base, attemptsAllowed: 3, revealPolicy: "after_first_attempt" }));
    expect(Object.keys(e.details ?? {})).toEqual(["revealPolicy"]);
    const [en, ja, ko] = inEvery(e.say!);
    expect(en).toContain("needs “Attempts allowed” = 1");
    expect(ja).toContain("が 1 のときだけ選べます");
    expect(ko).toContain("1일 때만 고를 수 있습니다");
    const one = await createSet(db, teacher, courseId, { ...base, attemptsAllowed: 1, revealPolicy: "after_first_attempt" });
    await refused(updateRules(db, teacher, one.id, { attemptsAllowed: 2, revealPolicy: "after_first_attempt", carriedCredit: 1 }));
  });

  it("refuses solutions after the due date without a due date, in every language", async () => {
    const e = await refused(createSet(db, teacher, courseId, { ...base, attemptsAllowed: 3, revealPolicy: "after_due" }));
    const [en, ja, ko] = inEvery(e.say!);
    expect(en).toContain("needs a due date; without one the solutions would never show");
    expect(ja).toContain("には締切が必要です");
    expect(ko).toContain("마감일이 필요합니다");
    await createSet(db, teacher, courseId, { ...base, attemptsAllowed: 3, revealPolicy: "after_due", dueAt: "2030-01-01T00:00:00Z" });
  });

  it("refuses extra attempts on a set that shows solutions after the first attempt, in every language", async () => {
    const { grantException } = await import("../lib/teach/exceptions");
    const set = await createSet(db, teacher, courseId, { ...base, attemptsAllowed: 1, revealPolicy: "after_first_attempt" });
    const e = await refused(grantException(db, teacher, set.id, { userId: alice.id, extraAttempts: 2, reason: "ill" }));
    const [en, ja, ko] = inEvery(e.say!);
    expect(en).toContain("an extra attempt would let the student submit the solution they have read");
    expect(ja).toContain("追加の提出回数");
    expect(ko).toContain("추가 제출 횟수");
  });

  it("a set saved with 'after the first attempt' and 3 attempts (before the refusal) waits for the last attempt", async () => {
    const itemId = await rawSet({ revealPolicy: "after_first_attempt", latePolicy: "refuse", dueAt: null, attemptsAllowed: 3 });
    const variant = await openItem(db, taro, itemId);
    expect((await postAttempt(taro, variant.id, "taro-first-of-3-a", { "steps[0].loss": [["1"]] })).status).toBe(201);
    const view = await workView(db, taro, variant.id);
    expect(view).toMatchObject({ revealed: false, attemptsLeft: 2, moment: "last_attempt_or_due" });
    const [submission] = view.submissions;
    expect(hasExactValues((await attemptView(db, taro, submission.id)).grade!)).toBe(false);
  });

  it("a fixed exercise's solution waits until nobody in the course can submit it in any set", async () => {
    const now = Date.now();
    const dueB = new Date(now + 2 * DAY);
    const course = await db.course.create({ data: { title: "Fixed twice", joinCode: `FIX${now % 100000}`, ownerId: teacher.id, memberships: { create: [{ userId: teacher.id, role: "instructor" }, { userId: alice.id, role: "student" }, { userId: taro.id, role: "student" }] } } });
    const make = (title: string, rules: { revealPolicy: string; attemptsAllowed: number; dueAt: Date | null }) =>
      db.problemSet.create({
        data: { courseId: course.id, title, ...rules, latePolicy: "refuse", items: { create: [{ position: 0, templateId: lecture.id, title: lecture.title, templateJson: JSON.stringify(lecture) }] } },
        include: { items: true },
      });
    // Set A shows solutions after its one attempt; set B, with the same fixed exercise, is due in two days.
    const a = await make("A", { revealPolicy: "after_first_attempt", attemptsAllowed: 1, dueAt: null });
    await make("B", { revealPolicy: "after_due", attemptsAllowed: 3, dueAt: dueB });
    const inA = await openItem(db, alice, a.items[0].id);
    expect((await postAttempt(alice, inA.id, "alice-fixed-in-a-1", { "steps[0].loss": [["1"]] })).status).toBe(201);
    const seen = await workView(db, alice, inA.id);
    expect(seen.revealed).toBe(false);
    expect(hasExactValues((await attemptView(db, alice, seen.submissions[0].id)).grade!)).toBe(false);
    // Set A has no due date, so taro may still submit the exercise there: even after B closes, it waits.
    expect((await workView(db, alice, inA.id, new Date(dueB.getTime() + DAY))).revealed).toBe(false);
    // Once A is closed too (a due date in the past), nobody can submit the exercise anywhere: it shows.
    await db.problemSet.update({ where: { id: a.id }, data: { dueAt: new Date(now - DAY) } });
    expect((await workView(db, alice, inA.id)).revealed).toBe(false);
    expect((await workView(db, alice, inA.id, new Date(dueB.getTime() + DAY))).revealed).toBe(true);
    // The randomised sibling is not held back by other sets.
    const { fixedStillOpen } = await import("../lib/course/reveal");
    // The instructor is told on the set's page that the exercise is fixed.
    const { setStatistics } = await import("../lib/teach/stats");
    const stats = await setStatistics(db, teacher, a.id);
    expect(stats.items.map((i) => i.fixed)).toEqual([true]);
    expect(await fixedStillOpen(db, course.id, lecture.id, new Date(dueB.getTime() + DAY))).toBe(false);
    expect(await fixedStillOpen(db, course.id, lecture.id)).toBe(true);
  });
});


describe("late work with an end date (issue 19)", () => {
  const tiny = JSON.stringify({ id: "tiny-late", title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
  const base = { title: "Late a day", templatesJson: [tiny], carriedCredit: 1, attemptsAllowed: 2 };
  const refused = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x: unknown) => x as AppError);
    expect(e?.code).toBe("INVALID_INPUT");
    return e!;
  };
  /** A course of its own with alice, taro and bob, so that no other test's set holds these students. */
  const lateCourse = async (code: string) =>
    (await db.course.create({ data: { title: code, joinCode: `${code}${Date.now() % 100000}`, ownerId: teacher.id, memberships: { create: [{ userId: teacher.id, role: "instructor" }, ...[alice, taro, bob].map((s) => ({ userId: s.id, role: "student" }))] } } })).id;

  it("takes 'late for a day at 50%, solutions after the due date': a late attempt is halved, none after the day, the solution shows once the day is over", async () => {
    const now = Date.now();
    const dueAt = new Date(now - 2 * 3600 * 1000);
    const lateUntil = new Date(now + DAY - 2 * 3600 * 1000);
    const set = await createSet(db, teacher, await lateCourse("LTA"), { ...base, revealPolicy: "after_due", latePolicy: "accept", latePenalty: 0.5, dueAt: dueAt.toISOString(), lateUntil: lateUntil.toISOString() });
    expect(set.lateUntil?.toISOString()).toBe(lateUntil.toISOString());
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: set.id } });
    const variant = await openItem(db, bob, item.id);
    // Within the late day: taken, marked late, the score halved; the solution still hidden from everyone.
    const exact = { "steps[0].loss": [["0.5"]] };
    const late = await submitAnswers(db, bob, variant.id, exact, "bob-late-day-1");
    expect(late.late).toBe(true);
    const grade = await db.grade.findFirstOrThrow({ where: { submissionId: late.id } });
    const stored = JSON.parse(grade.gradeJson) as Grade & { late_penalty?: number };
    const earned = stored.items.reduce((a, i) => a + i.points, 0);
    expect(earned).toBeGreaterThan(0);
    expect(stored.late_penalty).toBe(0.5);
    expect(grade.score).toBeCloseTo(earned * 0.5, 3);
    expect((await workView(db, bob, variant.id)).revealed).toBe(false);
    expect(hasExactValues((await attemptView(db, bob, late.id)).grade!)).toBe(false);
    // After the late day: refused with its own message, no attempt used; the solution now shows.
    const after = new Date(lateUntil.getTime() + 60_000);
    const e = await submitAnswers(db, bob, variant.id, exact, "bob-late-day-2", after).then(() => null, (x: unknown) => x as AppError);
    expect(e?.say).toBe("errors.pastLateUntil");
    expect(translator("en")(e!.say!)).toContain("no longer taken");
    expect(await db.submission.count({ where: { variantId: variant.id } })).toBe(1);
    const view = await workView(db, bob, variant.id, after);
    expect(view).toMatchObject({ revealed: true, attemptsLeft: 0, moment: "due" });
  });

  it("keeps the late window after an extended student's own due date, and the solution waits for it", async () => {
    const { grantException } = await import("../lib/teach/exceptions");
    const now = Date.now();
    const HOUR = 3600 * 1000;
    const dueAt = new Date(now - DAY);
    const set = await createSet(db, teacher, await lateCourse("LTB"), { ...base, revealPolicy: "after_due", latePolicy: "accept", latePenalty: 0.5, dueAt: dueAt.toISOString(), lateUntil: new Date(now + HOUR).toISOString() });
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: set.id } });
    // alice's own due date is three days after the set's (in two days); her late window, as long as the set's (a day and an hour), ends three days after the set's.
    await grantException(db, teacher, set.id, { userId: alice.id, dueAt: new Date(dueAt.getTime() + 3 * DAY).toISOString(), reason: "ill" });
    const mine = await openItem(db, alice, item.id);
    const theirs = await openItem(db, taro, item.id);
    const inTwoHours = new Date(now + 2 * HOUR);
    const e = await submitAnswers(db, taro, theirs.id, { "steps[0].loss": [["1"]] }, "taro-ext-late-1", inTwoHours).then(() => null, (x: unknown) => x as AppError);
    expect(e?.say).toBe("errors.pastLateUntil");
    expect(await submitAnswers(db, alice, mine.id, { "steps[0].loss": [["1"]] }, "alice-ext-early-1", inTwoHours)).toMatchObject({ late: false });
    expect((await submitAnswers(db, alice, mine.id, { "steps[0].loss": [["1"]] }, "alice-ext-late-1", new Date(now + 3 * DAY + HOUR / 2))).late).toBe(true);
    // The solution waits for the last late window of anyone in the set.
    expect((await workView(db, taro, theirs.id, inTwoHours)).revealed).toBe(false);
    expect((await workView(db, taro, theirs.id, new Date(now + 3 * DAY + HOUR / 2))).revealed).toBe(false);
    expect((await workView(db, taro, theirs.id, new Date(now + 3 * DAY + 2 * HOUR))).revealed).toBe(true);
  });

  it("refuses a late end date before the due date or without one, in every language, and forgets it when late work is refused", async () => {
    const e = await refused(createSet(db, teacher, courseId, { ...base, revealPolicy: "never", latePolicy: "accept", dueAt: "2030-01-02T00:00:00Z", lateUntil: "2030-01-01T00:00:00Z" }));
    expect(Object.keys(e.details ?? {})).toEqual(["lateUntil"]);
    expect((["en", "ja", "ko"] as const).map((l) => translator(l)(e.say!))).toEqual([
      "“Late submissions taken until” must be after “Due at” (and needs a due date).",
      "「遅延提出の受付終了」は「締切日時」より後にしてください（締切日時も必要です）。",
      "'늦은 제출 마감'은(는) '마감 일시'보다 뒤여야 합니다 (마감 일시도 필요합니다).",
    ]);
    await refused(createSet(db, teacher, courseId, { ...base, revealPolicy: "never", latePolicy: "accept", lateUntil: "2030-01-01T00:00:00Z" }));
    const refusedLate = await createSet(db, teacher, courseId, { ...base, revealPolicy: "never", latePolicy: "refuse", dueAt: "2030-01-01T00:00:00Z", lateUntil: "2030-01-03T00:00:00Z" });
    expect(refusedLate.lateUntil).toBeNull();
  });

  it("moves the late end date with a course copy and names its change in the set's history", async () => {
    const { copyCourse } = await import("../lib/teach/courses");
    const { setHistory } = await import("../lib/teach/sets");
    const { historyLines } = await import("../lib/teach/history");
    const course = await db.course.create({ data: { title: "Late copy", joinCode: `LTC${Date.now() % 100000}`, ownerId: teacher.id, memberships: { create: [{ userId: teacher.id, role: "instructor" }] } } });
    const rules = { ...base, revealPolicy: "after_due", latePolicy: "accept", latePenalty: 0.5, dueAt: "2030-01-01T09:00:00Z" };
    const set = await createSet(db, teacher, course.id, { ...rules, lateUntil: "2030-01-02T09:00:00Z" });
    await updateRules(db, teacher, set.id, { ...rules, lateUntil: "2030-01-03T09:00:00Z" });
    const lines = historyLines(await setHistory(db, teacher, set.id), translator("en"), "en").map((l) => l.text);
    expect(lines.some((l) => l.includes("late-work end date"))).toBe(true);
    const copy = await copyCourse(db, teacher, course.id, { title: "Late copy, next year", offsetDays: 364 });
    const copied = await db.problemSet.findFirstOrThrow({ where: { courseId: copy.id } });
    expect(copied.dueAt?.toISOString()).toBe("2030-12-31T09:00:00.000Z");
    expect(copied.lateUntil?.toISOString()).toBe("2031-01-02T09:00:00.000Z");
  });
});
