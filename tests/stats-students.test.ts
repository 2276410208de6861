// Statistics that count students (issue 12), against a seeded class: mistakes counted once per
// student at their first divergence and checked against a count made here from the stored grades;
// maxima from the exercises (no "(/0)"); "not submitted" apart from a score of 0; the set's
// history in sentences; students told when a regrade moves their grade; results per attempt as CSV.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Grade } from "../lib/grading";
import { freshDbUrl, useForApp } from "./db-file";
import { errorCode } from "./helpers";

useForApp(await freshDbUrl("stats-students"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { seedDemo } = await import("../lib/course/demo");
const { joinCourse, networkOf, openItem, submitAnswers } = await import("../lib/course/work");
const { createCourse, removeStudent } = await import("../lib/teach/courses");
const { createSet, setHistory, updateRules } = await import("../lib/teach/sets");
const { setStatistics } = await import("../lib/teach/stats");
const { gradesCsv } = await import("../lib/teach/export");
const { attemptsCsv, ATTEMPT_COLUMNS } = await import("../lib/teach/attempts-csv");
const { templateMaxScore } = await import("../lib/teach/max-score");
const { historyLines } = await import("../lib/teach/history");
const { unseenNotices, dismissNotice } = await import("../lib/course/notices");
const { runJobsNow } = await import("../lib/run/jobs");
const { translator } = await import("../lib/i18n");
const { builtinTemplates } = await import("../lib/exercises/builtin");
const { drawVariant } = await import("../lib/exercises/template");
const { readExercise } = await import("../lib/exercises/instance");
const { gradeSubmission } = await import("../lib/grading");
const { readGradingSettings } = await import("../lib/exercises/template");
const { solve } = await import("../lib/nn/network");
const { toNumber } = await import("../lib/nn/num");
const { toSolution } = await import("../lib/exercises/solution");
const attemptsRoute = await import("../app/teach/courses/[courseId]/attempts.csv/route");

type Actor = { id: string; role: "student" | "instructor" };
type Answers = Record<string, string[][]>;
let teacher: Actor, other: Actor;
let courseId = "", setId = "", emptySetId = "", itemId = "", untouchedItemId = "";
/** The class: name → actor, with the kind of work each one hands in. */
const students = new Map<string, Actor & { kind: Kind }>();
type Kind = "right" | "signFlip" | "extraTerms" | "noPattern" | "zero" | "absent";
const CLASS: [Kind, number][] = [["right", 3], ["signFlip", 4], ["extraTerms", 2], ["noPattern", 3], ["zero", 1], ["absent", 2]];

/** Every quantity of the exact solution, as the cells a student types. */
function exactAnswers(exerciseJson: string): { answers: Answers; eta: number; solution: ReturnType<typeof toSolution> } {
  const { net } = networkOf(exerciseJson);
  const solution = toSolution(solve(net), net.layout);
  const text = (m: number[][]) => m.map((row) => row.map(String));
  const answers: Answers = {};
  solution.steps.forEach((step, s) => {
    answers[`steps[${s}].loss`] = [[String(step.loss)]];
    step.layers.forEach((layer, l) => {
      for (const key of ["A", "X", "dX", "delta", "dW", "W_new"] as const) answers[`steps[${s}].layers[${l}].${key}`] = text(layer[key]);
      if (layer.dB) answers[`steps[${s}].layers[${l}].dB`] = [layer.dB.map(String)];
      if (layer.B_new) answers[`steps[${s}].layers[${l}].B_new`] = [layer.B_new.map(String)];
    });
  });
  answers.loss_after = [[String(solution.loss_after)]];
  return { answers, eta: toNumber(net.learningRate), solution };
}

/** What each kind of student hands in. */
function work(kind: Kind, exerciseJson: string): Answers {
  const { answers, eta, solution } = exactAnswers(exerciseJson);
  const step = solution.steps[0];
  const L = step.layers.length;
  switch (kind) {
    case "right":
      return answers;
    case "signFlip": {
      // The weight updates of the first and last layers with the wrong sign: W + η∂L/∂W (one
      // mistake, two matrices; flipping all three makes the loss after them overflow to a
      // probability of 0), and the loss after the update computed right from the student's own
      // parameters (carried forward).
      const exercise = JSON.parse(exerciseJson) as { layers: { weights: number[][]; bias?: number[] }[] };
      step.layers.forEach((layer, l) => {
        const flipped = l === 1 ? layer.W_new : layer.W_new.map((row, i) => row.map((w, j) => w + 2 * eta * layer.dW[i][j]));
        answers[`steps[0].layers[${l}].W_new`] = flipped.map((row) => row.map(String));
        exercise.layers[l].weights = flipped;
        if (layer.B_new) exercise.layers[l].bias = layer.B_new;
      });
      const { net } = networkOf(JSON.stringify(exercise));
      answers.loss_after = [[String(toNumber(solve(net).steps[0].loss))]];
      return answers;
    }
    case "extraTerms": {
      // The lecture's mistake at ∂L/∂X³, nothing after it.
      const forward: Answers = { "steps[0].loss": answers["steps[0].loss"] };
      for (let l = 0; l < L; l++) for (const key of ["A", "X"]) forward[`steps[0].layers[${l}].${key}`] = answers[`steps[0].layers[${l}].${key}`];
      return { ...forward, [`steps[0].layers[${L - 1}].dX`]: [["-8.4", "8.4"]] };
    }
    case "noPattern": {
      const forward: Answers = { "steps[0].loss": answers["steps[0].loss"] };
      for (let l = 0; l < L; l++) for (const key of ["A", "X"]) forward[`steps[0].layers[${l}].${key}`] = answers[`steps[0].layers[${l}].${key}`];
      return { ...forward, [`steps[0].layers[${L - 1}].dX`]: [["123.25", "-977"]] };
    }
    case "zero":
      return { "steps[0].loss": [["12345"]] };
    case "absent":
      return {};
  }
}

async function sessionCookie(who: Actor | null): Promise<string> {
  return who ? `next-auth.session-token=${await encode({ token: { sub: who.id }, secret: sessionSecret(), maxAge: 3600 })}` : "";
}

beforeAll(async () => {
  await seedDemo(db);
  const u = await db.user.findUniqueOrThrow({ where: { email: "teacher@handprop.test" } });
  teacher = { id: u.id, role: "instructor" };
  other = { id: (await db.user.create({ data: { email: "other-stats@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } })).id, role: "instructor" };
  const course = await createCourse(db, teacher, { title: "Statistics class" });
  courseId = course.id;
  const set = await createSet(db, teacher, courseId, { title: "Week 1", templateIds: ["lecture-2-3-3-2", "lecture-2-3-3-2-random"], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1 });
  setId = set.id;
  emptySetId = (await createSet(db, teacher, courseId, { title: "Week 2", templateIds: ["lecture-2-3-3-2"], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1 })).id;
  const items = await db.problemSetItem.findMany({ where: { problemSetId: setId }, orderBy: { position: "asc" } });
  [itemId, untouchedItemId] = items.map((i) => i.id);
  let n = 0;
  for (const [kind, count] of CLASS) {
    for (let k = 0; k < count; k++) {
      // One name a spreadsheet would run as a formula: the exports must escape it.
      const name = n === 0 ? "=HYPERLINK(\"http://x\")" : `Student ${String(n).padStart(2, "0")} ${kind}`;
      const user = await db.user.create({ data: { email: `s${n}@stats.test`, name, role: "student", passwordHash: "x" } });
      const actor = { id: user.id, role: "student" as const, kind };
      await joinCourse(db, actor, course.joinCode);
      students.set(name, actor);
      n++;
      if (kind === "absent") continue;
      const variant = await openItem(db, actor, itemId);
      // Two attempts for the sign flippers (the per-attempt export has both), one for the others.
      if (kind === "signFlip") await submitAnswers(db, actor, variant.id, { "steps[0].loss": [["1"]] }, `first-${user.id.slice(-20)}`);
      await submitAnswers(db, actor, variant.id, work(kind, variant.exerciseJson), `key-${user.id.slice(-20)}`);
    }
  }
});
afterAll(() => db.$disconnect());

/** The independent count: each student's latest grade, its first divergence and the misconception named there. */
async function studentsPerMistakeFromGrades(): Promise<{ named: Map<string, number>; unnamed: Map<string, number>; quantitiesNamed: Map<string, number> }> {
  const variants = await db.variant.findMany({ where: { itemId }, include: { submissions: { orderBy: { attempt: "desc" }, take: 1, include: { grades: { orderBy: { gradedAt: "desc" }, take: 1 } } } } });
  const named = new Map<string, number>();
  const unnamed = new Map<string, number>();
  const quantitiesNamed = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const v of variants) {
    const g = v.submissions[0]?.grades[0];
    if (!g) continue;
    const grade = JSON.parse(g.gradeJson) as Grade;
    for (const i of grade.items) if (i.misconception) bump(quantitiesNamed, i.misconception);
    if (!grade.first_divergence) continue;
    const at = grade.items.find((i) => i.path === grade.first_divergence)!;
    if (at.misconception) bump(named, at.misconception);
    else bump(unnamed, grade.first_divergence);
  }
  return { named, unnamed, quantitiesNamed };
}

describe("the statistics of a seeded class", () => {
  it("count students per mistake at their first divergence, matching a count made from the stored grades", async () => {
    const stats = await setStatistics(db, teacher, setId);
    const item = stats.items[0];
    const { named, unnamed, quantitiesNamed } = await studentsPerMistakeFromGrades();
    expect(new Map(item.misconceptions.map((m) => [m.id, m.count]))).toEqual(named);
    expect(new Map(item.unexplained.map((u) => [u.path, u.count]))).toEqual(unnamed);
    const submitted = CLASS.filter(([k]) => k !== "absent").reduce((s, [, c]) => s + c, 0);
    expect(item.submitted).toBe(submitted);
    for (const m of item.misconceptions) expect(m.share).toBeCloseTo(m.count / submitted, 12);
    // The four sign flippers count once each, though the grader named the mistake in each of their updated matrices.
    const flip = item.misconceptions.find((m) => m.id === "update_sign_flipped")!;
    expect(flip.count).toBe(4);
    expect(quantitiesNamed.get("update_sign_flipped")!).toBeGreaterThan(4);
    expect(item.misconceptions.find((m) => m.id === "cross_entropy_derivative_extra_terms")?.count).toBe(2);
    // Those with no known pattern are their own group, at the quantity where they went wrong.
    expect(item.unexplained.find((u) => u.path === "steps[0].layers[2].dX")?.count).toBe(3);
    // One example per student, a few per group, each linking a student's own exercise.
    for (const group of [...item.misconceptions, ...item.unexplained]) {
      expect(group.examples.length).toBe(Math.min(3, group.count));
      expect(new Set(group.examples.map((e) => e.variantId)).size).toBe(group.examples.length);
    }
    // The heat map still gives shares of first divergences per quantity.
    expect(item.quantities.find((q) => q.path === "steps[0].layers[2].dX")!.firstDivergence).toBeCloseTo(5 / submitted, 12);
    expect(item.histogram.reduce((a, b) => a + b, 0)).toBe(submitted);
  });

  it("take the maximum from the exercises, equal to the grader's own, even where nobody submitted", async () => {
    const stats = await setStatistics(db, teacher, setId);
    const graded = await db.variantResult.findFirstOrThrow({ where: { itemId } });
    expect(stats.items[0].maxScore).toBe(graded.maxScore);
    expect(stats.items[1].submitted).toBe(0);
    expect(stats.items[1].maxScore).toBeGreaterThan(0);
    const absent = stats.students.find((s) => s.userId === students.get("Student 13 absent")!.id)!;
    expect(absent.perItem).toEqual([null, null]);
    expect(absent.maxScore).toBe(stats.items[0].maxScore + stats.items[1].maxScore);
    const empty = await setStatistics(db, teacher, emptySetId);
    expect(empty.items[0].maxScore).toBe(graded.maxScore);
    expect(empty.maxScore).toBeGreaterThan(0);
  });

  it("compute each built-in exercise's maximum as the grader does", () => {
    for (const template of builtinTemplates()) {
      const exercise = drawVariant(template, "max-check");
      const net = readExercise(exercise as Parameters<typeof readExercise>[0]);
      const settings = readGradingSettings(exercise);
      const grade = gradeSubmission(net, solve(net), {}, { asked: settings.asked, points: settings.points });
      expect(templateMaxScore(JSON.stringify(template)), template.id).toBe(grade.max_score);
    }
  });

  it("keep a removed student counted and marked, unless the instructor chose otherwise", async () => {
    const flipper = students.get("Student 04 signFlip")!;
    await removeStudent(db, teacher, courseId, flipper.id);
    let stats = await setStatistics(db, teacher, setId);
    expect(stats.students.find((s) => s.userId === flipper.id)?.removed).toBe(true);
    expect(stats.items[0].misconceptions.find((m) => m.id === "update_sign_flipped")!.count).toBe(4);
    await db.membership.update({ where: { userId_courseId: { userId: flipper.id, courseId } }, data: { countsInStats: false } });
    stats = await setStatistics(db, teacher, setId);
    expect(stats.students.some((s) => s.userId === flipper.id)).toBe(false);
    expect(stats.items[0].misconceptions.find((m) => m.id === "update_sign_flipped")!.count).toBe(3);
    await db.membership.update({ where: { userId_courseId: { userId: flipper.id, courseId } }, data: { countsInStats: true } });
  });

  it("are the course staff's only", async () => {
    expect(await errorCode(setStatistics(db, other, setId))).toBe("NOT_FOUND");
    expect(await errorCode(setStatistics(db, students.get("Student 01 right")!, setId))).toBe("FORBIDDEN");
  });
});

describe("the grades export", () => {
  it("has maxima from the exercises (no '(/0)'), and leaves not submitted apart from a score of 0", async () => {
    const csv = await gradesCsv(db, teacher, courseId);
    const [header, ...rows] = Papa.parse<string[]>(csv.slice(1).trim(), { newline: "\r\n" }).data;
    expect(header.join(",")).not.toContain("(/0)");
    const max = (await db.variantResult.findFirstOrThrow({ where: { itemId } })).maxScore;
    expect(header).toContain(`Week 2 (/${max})`);
    const week1 = header.findIndex((h) => h.startsWith("Week 1"));
    const week2 = header.findIndex((h) => h.startsWith("Week 2"));
    const total = header.indexOf("total");
    const row = (name: string) => rows.find((r) => r[0] === name)!;
    expect(row("Student 13 absent")[week1]).toBe("");
    expect(row("Student 13 absent")[total]).toBe("");
    expect(row("Student 12 zero")[week1]).toBe("0");
    expect(row("Student 12 zero")[week2]).toBe("");
    expect(row("Student 01 right")[week1]).toBe(String(max));
    // The formula-looking name is escaped.
    expect(rows.some((r) => r[0] === "'=HYPERLINK(\"http://x\")")).toBe(true);
  });

  it("carries each student's registrar number, covers the published sets unless asked for all, and dates attempts in the course's zone", async () => {
    const right = students.get("Student 01 right")!;
    await db.membership.update({ where: { userId_courseId: { userId: right.id, courseId } }, data: { studentNumber: "2027A0001" } });
    const draft = await createSet(db, teacher, courseId, { title: "Week 9 draft", templateIds: [builtinTemplates()[0].id], status: "draft", attemptsAllowed: 1, revealPolicy: "never", carriedCredit: 1 });
    try {
      const table = (csv: string) => Papa.parse<string[]>(csv.slice(1).trim(), { newline: "\r\n" }).data;
      const [header, ...rows] = table(await gradesCsv(db, teacher, courseId));
      expect(header.slice(0, 4)).toEqual(["name", "email", "student_number", "status"]);
      expect(rows.find((r) => r[0] === "Student 01 right")![2]).toBe("2027A0001");
      expect(rows.find((r) => r[0] === "Student 12 zero")![2]).toBe("");
      expect(header.some((h) => h.startsWith("Week 9 draft"))).toBe(false);
      expect(table(await gradesCsv(db, teacher, courseId, "all"))[0].some((h) => h.startsWith("Week 9 draft"))).toBe(true);
      const [aHeader, ...attempts] = table(await attemptsCsv(db, teacher, courseId));
      expect(attempts.filter((r) => r[aHeader.indexOf("student")] === "Student 01 right").every((r) => r[aHeader.indexOf("student_number")] === "2027A0001")).toBe(true);
      // The same instants, written in Tokyo's offset once the course lives there.
      await db.course.update({ where: { id: courseId }, data: { timeZone: "Asia/Tokyo" } });
      const [tHeader, ...tokyo] = table(await attemptsCsv(db, teacher, courseId));
      const at = tHeader.indexOf("submitted_at");
      expect(tokyo.every((r) => r[at].endsWith("+09:00"))).toBe(true);
      expect(tokyo.map((r) => Date.parse(r[at])).sort()).toEqual(attempts.map((r) => Date.parse(r[at])).sort());
    } finally {
      await db.course.update({ where: { id: courseId }, data: { timeZone: "UTC" } });
      await db.problemSetItem.deleteMany({ where: { problemSetId: draft.id } });
      await db.problemSet.delete({ where: { id: draft.id } });
    }
  });
});

describe("the set's history", () => {
  it("reads as sentences in the reader's language, a regrade with how many submissions", async () => {
    await updateRules(db, teacher, setId, { attemptsAllowed: 4, revealPolicy: "never", carriedCredit: 0.5, latePolicy: "refuse", latePenalty: 0 });
    await runJobsNow(db);
    const events = await setHistory(db, teacher, setId);
    const en = historyLines(events, translator("en"), "en").map((l) => l.text);
    const submissions = await db.submission.count({ where: { variant: { item: { problemSetId: setId } } } });
    expect(en).toEqual([
      `${submissions} submissions regraded.`,
      "Demo Teacher changed the attempts allowed from 3 to 4; the carried-forward credit from 1 to 0.5.",
      "Demo Teacher created the set with 2 exercises.",
    ]);
    const ja = historyLines(events, translator("ja"), "ja").map((l) => l.text);
    expect(ja[1]).toBe("Demo Teacher さんが提出回数を 3 から 4 に、引き継ぎ正解の配点を 1 から 0.5 に変更しました。");
    expect(ja.join("")).not.toMatch(/[{}]/);
    // An action this version does not know still reads as a sentence, never as JSON.
    const unknown = historyLines([{ id: "x", action: "set.someday", detailJson: '{"reason":"a make-up class"}', createdAt: new Date(), actor: { name: "Demo Teacher" } }], translator("en"), "en")[0].text;
    expect(unknown).toBe("Demo Teacher: set.someday (reason: a make-up class).");
  });
});

describe("students told of a regrade", () => {
  it("see a notice for each exercise whose best score changed, from the score before to the one after, until they dismiss it", async () => {
    // The regrade above (carried-forward credit 1 → 0.5) lowered the best score of those with carried answers only.
    const notices = await db.gradeNotice.findMany({ where: { problemSetId: setId } });
    const results = await db.variantResult.findMany({ where: { itemId } });
    // Exactly the sign flippers: their loss after the update was carried forward, and now earns half.
    const flippers = [...students.values()].filter((s) => s.kind === "signFlip").map((s) => s.id);
    expect(notices.map((n) => n.userId).sort()).toEqual([...flippers].sort());
    for (const n of notices) {
      expect(n).toMatchObject({ kind: "regrade", itemId, seenAt: null });
      expect(n.after).toBe(results.find((r) => r.userId === n.userId)!.bestScore);
      expect(n.before).toBeGreaterThan(n.after!);
    }
    const flipper = students.get("Student 05 signFlip")!;
    const mine = await unseenNotices(db, flipper);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ setTitle: "Week 1", exercise: expect.any(String), kind: "regrade" });
    const t = translator("en");
    expect(t("dashboard.notices.changed", { set: "Week 1", exercise: "E", before: 6, after: 5, max: 10, reason: t("dashboard.notices.regradeReason") })).toBe(
      "Your score on E (Week 1) changed from 6/10 to 5/10: the set's grading rules changed (the carried-forward credit or the late penalty)",
    );
    // Another student cannot dismiss it; its owner can, once.
    const someoneElse = students.get("Student 01 right")!;
    expect(await errorCode(dismissNotice(db, someoneElse, mine[0].id))).toBe("NOT_FOUND");
    expect(await unseenNotices(db, flipper)).toHaveLength(1);
    await dismissNotice(db, flipper, mine[0].id);
    expect(await unseenNotices(db, flipper)).toHaveLength(0);
    expect(await errorCode(dismissNotice(db, flipper, mine[0].id))).toBe("OK");
  });

  it("get one notice from the first score to the latest when rules change twice before they look, and none when the change is undone", async () => {
    const flipper = students.get("Student 06 signFlip")!;
    const before = (await unseenNotices(db, flipper))[0];
    await updateRules(db, teacher, setId, { attemptsAllowed: 4, revealPolicy: "never", carriedCredit: 0.25, latePolicy: "refuse", latePenalty: 0 });
    await runJobsNow(db);
    const after = await unseenNotices(db, flipper);
    expect(after).toHaveLength(1);
    expect(after[0].before).toBe(before.before);
    expect(after[0].after).toBeLessThan(before.after!);
    await updateRules(db, teacher, setId, { attemptsAllowed: 4, revealPolicy: "never", carriedCredit: 1, latePolicy: "refuse", latePenalty: 0 });
    await runJobsNow(db);
    expect(await unseenNotices(db, flipper)).toHaveLength(0);
  });

  it("are not told of a regrade on an exercise whose score was set by hand: that score stands", async () => {
    const flipper = students.get("Student 03 signFlip")!;
    await dismissAll(flipper);
    await db.manualScore.create({ data: { itemId, userId: flipper.id, score: 3, maxScore: 10, reason: "oral exam", createdById: teacher.id } });
    await updateRules(db, teacher, setId, { attemptsAllowed: 4, revealPolicy: "never", carriedCredit: 0.5, latePolicy: "refuse", latePenalty: 0 });
    await runJobsNow(db);
    expect(await unseenNotices(db, flipper)).toHaveLength(0);
    // Another sign flipper, whose score is the graded one, is told.
    expect(await unseenNotices(db, students.get("Student 06 signFlip")!)).not.toHaveLength(0);
  });
});

async function dismissAll(who: Actor) {
  for (const n of await unseenNotices(db, who)) await dismissNotice(db, who, n.id);
}

describe("results per attempt as CSV", () => {
  it("has one row per attempt and exercise, ISO times, scores, first divergences and misconceptions", async () => {
    const csv = await attemptsCsv(db, teacher, courseId);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(csv.slice(1).trim(), { newline: "\r\n" }).data;
    expect(header).toEqual([...ATTEMPT_COLUMNS]);
    const col = (name: (typeof ATTEMPT_COLUMNS)[number]) => header.indexOf(name);
    expect(rows.length).toBe(await db.submission.count({ where: { variant: { item: { problemSet: { courseId } } } } }));
    const flipper = rows.filter((r) => r[col("student")] === "Student 05 signFlip");
    expect(flipper.map((r) => r[col("attempt")])).toEqual(["1", "2"]);
    expect(flipper[1][col("misconceptions")].split(" ")).toContain("update_sign_flipped");
    // Named as the lecture names it, layers from 1 (not the contract's steps[0].layers[0].W_new).
    expect(flipper[1][col("first_divergence")]).toBe("W^1 updated");
    // ISO 8601 with the course's offset (a UTC course: Z), the instant the database holds.
    const stored = await db.submission.findMany({ where: { userId: students.get("Student 05 signFlip")!.id }, orderBy: { attempt: "asc" } });
    expect(flipper.map((r) => Date.parse(r[col("submitted_at")]))).toEqual(stored.map((x) => Math.floor(x.createdAt.getTime() / 1000) * 1000));
    for (const r of rows) expect(r[col("submitted_at")]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
    // The latest grade's score (after the regrades), against the stored grade.
    const latest = await db.grade.findFirstOrThrow({ where: { submission: { userId: students.get("Student 05 signFlip")!.id, attempt: 2 } }, orderBy: { gradedAt: "desc" } });
    expect(flipper[1][col("score")]).toBe(String(latest.score));
    expect(flipper[1][col("max")]).toBe(String(latest.maxScore));
    expect(rows.some((r) => r[col("student")] === "'=HYPERLINK(\"http://x\")")).toBe(true);
    expect(rows.some((r) => r[col("student")].startsWith("="))).toBe(false);
  });

  it("is for the course's staff only, through its route too", async () => {
    expect(await errorCode(attemptsCsv(db, other, courseId))).toBe("NOT_FOUND");
    expect(await errorCode(attemptsCsv(db, students.get("Student 01 right")!, courseId))).toBe("FORBIDDEN");
    const get = async (who: Actor | null) =>
      attemptsRoute.GET(new NextRequest("http://localhost/x", { headers: { cookie: await sessionCookie(who) } }), { params: Promise.resolve({ courseId }) });
    const ok = await get(teacher);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/text\/csv/);
    expect(ok.headers.get("content-disposition")).toMatch(/attachment; filename="attempts-.+\.csv"/);
    expect((await get(null)).status).toBe(401);
    expect((await get(students.get("Student 01 right")!)).status).toBe(403);
    expect((await get(other)).status).toBe(404);
  });
});
