// Instructors' domain against a real SQLite database: courses, rosters, problem sets, rules
// with regrading, statistics and the grade export; every action tried as the wrong people.
import { labelled, sharedNames } from "../lib/teach/student-label";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../lib/course/demo";
import { joinCourse, openItem, submitAnswers } from "../lib/course/work";
import { addStudentsCsv, coursesTaughtBy, createCourse, removeStudent, roster } from "../lib/teach/courses";
import { gradesCsv } from "../lib/teach/export";
import { AppError } from "../lib/errors";
import { createSet, exportTemplate, importTemplate, setHistory, updateRules } from "../lib/teach/sets";
import { setStatistics, studentPage, type StudentRow } from "../lib/teach/stats";
import { runJobsNow } from "../lib/run/jobs";
import { freshDb } from "./db";
import { errorCode } from "./helpers";

const db = await freshDb("teach");
type Actor = { id: string; role: "student" | "instructor" };
let teacher: Actor, other: Actor, alice: Actor, taro: Actor;
let courseId: string;

const code = errorCode;

beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  const user = async (email: string) => {
    const u = await db.user.findUniqueOrThrow({ where: { email } });
    return { id: u.id, role: u.role as Actor["role"] };
  };
  [teacher, alice, taro] = await Promise.all(["teacher@handprop.test", "alice@handprop.test", "taro@handprop.test"].map(user));
  other = { id: (await db.user.create({ data: { email: "other@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } })).id, role: "instructor" };
});
afterAll(() => db.$disconnect());

describe("instructors", () => {
  it("create courses with a join code and see only their own", async () => {
    const c = await createCourse(db, other, { title: "Other course" });
    expect(c.joinCode).toMatch(/^[A-Z2-9]{8}$/);
    expect((await coursesTaughtBy(db, other)).map((x) => x.id)).toEqual([c.id]);
    expect((await coursesTaughtBy(db, teacher)).map((x) => x.id)).toEqual([courseId]);
    expect(await code(roster(db, other, courseId))).toBe("NOT_FOUND");
    expect(await code(createCourse(db, alice, { title: "x" }))).toBe("FORBIDDEN");
    expect(await code(createCourse(db, teacher, { title: " " }))).toBe("INVALID_INPUT");
  });

  it("add students by CSV with a report of rejected rows, Japanese names included", async () => {
    const report = await addStudentsCsv(db, teacher, courseId, "name,email\n佐藤 花子,hanako@example.jp\nNo Email,\nBad,not-an-email\n\"Smith, Jo\",jo@example.com\nAgain,HANAKO@example.jp\nteacher,teacher@handprop.test\n");
    expect(report.added.map((a) => a.email)).toEqual(["hanako@example.jp", "jo@example.com"]);
    expect(report.added[0].initialPassword).toMatch(/^[A-HJ-NP-Za-km-z2-9]{17}$/);
    expect(report.rejected.map((r) => [r.line, r.reason, r.email])).toEqual([
      [3, "not_email", ""],
      [4, "not_email", "not-an-email"],
      [6, "duplicate", undefined],
      [7, "instructor", undefined],
    ]);
    const twoColumns = await addStudentsCsv(db, teacher, courseId, "a,b@c.de,extra\n,nameless@example.jp");
    expect(twoColumns.rejected.map((r) => r.reason)).toEqual(["columns", "no_name"]);
    expect(await code(addStudentsCsv(db, alice, courseId, "a,b@c.de"))).toBe("FORBIDDEN");
    expect(await code(addStudentsCsv(db, other, courseId, "a,b@c.de"))).toBe("NOT_FOUND");
  });

  it("build a problem set from built-in and imported templates, with rules, recorded in its history", async () => {
    const imported = JSON.stringify({ id: "tiny", title: "Tiny net", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
    const set = await createSet(db, teacher, courseId, { title: "Quiz", templateIds: ["lecture-2-3-3-2-random"], templatesJson: [imported], attemptsAllowed: 2, revealPolicy: "after_due", carriedCredit: 0.5, dueAt: "2030-01-01T09:00:00+09:00" });
    expect(set.dueAt?.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    const items = await db.problemSetItem.findMany({ where: { problemSetId: set.id }, orderBy: { position: "asc" } });
    expect(items.map((i) => i.templateId)).toEqual(["lecture-2-3-3-2-random", "tiny"]);
    expect(JSON.parse((await exportTemplate(db, teacher, items[1].id)).json).id).toBe("tiny");
    expect(await code(exportTemplate(db, other, items[1].id))).toBe("NOT_FOUND");
    expect((await setHistory(db, teacher, set.id)).map((e) => e.action)).toEqual(["set.create"]);
    expect(() => importTemplate('{"id": "x", "title": "x", "random": {"loss": "mse"}}')).toThrow(/template: random\./);
    // A template whose range runs backwards: the reason keeps its code, for the instructor's language.
    const backwards = { id: "b", title: "b", random: { loss: "half_sse", learning_rate: 0.1, sizes: [1, 1], activations: ["identity"], bias: false, draw: { inputs: { min: 2, max: 1 }, targets: { min: 0, max: 1 }, weights: { min: 1, max: 2 } } } };
    const refusal = (() => {
      try {
        importTemplate(JSON.stringify(backwards));
      } catch (e) {
        return e as AppError;
      }
    })()!;
    expect(refusal.details).toEqual({ "random.draw.inputs": { code: "min_above_max", params: {} } });
    expect(await code(createSet(db, teacher, courseId, { title: "Empty", attemptsAllowed: 1, revealPolicy: "never", carriedCredit: 1 }))).toBe("INVALID_INPUT");
  });

  it("regrade transparently when the carried-forward credit changes, keeping every submission", async () => {
    const set = await createSet(db, teacher, courseId, { title: "Regrade", templatesJson: [JSON.stringify({ id: "tiny2", title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } })], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1 });
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: set.id } });
    const v = await openItem(db, alice, item.id);
    // Δ wrong (3 instead of 1), then ∂L/∂W = 6 and W_new = −2 carried from it.
    const s = await submitAnswers(db, alice, v.id, { "steps[0].layers[0].delta": [["3"]], "steps[0].layers[0].dW": [["6"]], "steps[0].layers[0].W_new": [["-2"]] }, "regrade-key-001");
    const before = await db.variantResult.findUniqueOrThrow({ where: { variantId: v.id } });
    await updateRules(db, teacher, set.id, { attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 0.5 });
    await runJobsNow(db); // the regrade job (in the app: the process's job runner)
    const after = await db.variantResult.findUniqueOrThrow({ where: { variantId: v.id } });
    expect(after.latestScore).toBe(before.latestScore - 1);
    expect(await db.grade.count({ where: { submissionId: s.id } })).toBe(2);
    expect(await db.submission.count({ where: { variantId: v.id } })).toBe(1);
    expect((await setHistory(db, teacher, set.id)).map((e) => e.action)).toEqual(["set.regrade", "set.rules", "set.create"]);
    expect(await code(updateRules(db, alice, set.id, { attemptsAllowed: 1, revealPolicy: "never", carriedCredit: 0 }))).toBe("FORBIDDEN");
    expect(await code(updateRules(db, other, set.id, { attemptsAllowed: 1, revealPolicy: "never", carriedCredit: 0 }))).toBe("NOT_FOUND");
  });

  it("apply the late policy: refuse after the due date, or accept with a penalty that regrading keeps", async () => {
    const tiny = JSON.stringify({ id: "tiny3", title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
    const past = "2020-01-01T00:00:00Z";
    const refused = await createSet(db, teacher, courseId, { title: "Closed", templatesJson: [tiny], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1, dueAt: past });
    const v1 = await openItem(db, alice, (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: refused.id } })).id);
    expect(await code(submitAnswers(db, alice, v1.id, { "steps[0].layers[0].A": [["2"]] }, "late-key-00001"))).toBe("CONFLICT");
    const accepted = await createSet(db, teacher, courseId, { title: "Late ok", templatesJson: [tiny], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1, dueAt: past, latePolicy: "accept", latePenalty: 0.5 });
    const v2 = await openItem(db, alice, (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: accepted.id } })).id);
    const s = await submitAnswers(db, alice, v2.id, { "steps[0].layers[0].A": [["2"]], "steps[0].layers[0].X": [["2"]] }, "late-key-00002");
    expect(s.late).toBe(true);
    expect((await db.variantResult.findUniqueOrThrow({ where: { variantId: v2.id } })).latestScore).toBe(1);
    await updateRules(db, teacher, accepted.id, { attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1, dueAt: past, latePolicy: "accept", latePenalty: 0.25 });
    await runJobsNow(db);
    expect((await db.variantResult.findUniqueOrThrow({ where: { variantId: v2.id } })).latestScore).toBe(1.5);
  });

  it("see where students diverge, per quantity, with the common misconceptions and examples", async () => {
    const set = await createSet(db, teacher, courseId, { title: "Stats", templateIds: ["lecture-2-3-3-2"], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1 });
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: set.id } });
    const va = await openItem(db, alice, item.id);
    const vt = await openItem(db, taro, item.id);
    await submitAnswers(db, alice, va.id, { "steps[0].layers[2].dX": [["-8.4", "8.4"]] }, "stats-key-alice1");
    await submitAnswers(db, taro, vt.id, { "steps[0].layers[2].dX": [["-8.389", "0"]] }, "stats-key-taro01");
    const stats = await setStatistics(db, teacher, set.id);
    const q = stats.items[0].quantities.find((x) => x.path === "steps[0].layers[2].dX")!;
    expect(q).toMatchObject({ firstDivergence: 0.5, correct: 0.5, incorrect: 0.5 });
    expect(stats.items[0].misconceptions[0]).toMatchObject({ id: "cross_entropy_derivative_extra_terms", count: 1, examples: [{ name: "Alice Example" }] });
    expect(stats.items[0].submitted).toBe(2);
    expect(stats.students.find((s) => s.name === "山田 太郎")!.attempts).toBe(1);
    expect(await code(setStatistics(db, other, set.id))).toBe("NOT_FOUND");
    expect(await code(setStatistics(db, alice, set.id))).toBe("FORBIDDEN");
  });

  it("export grades as CSV with a BOM, Japanese names intact, removed students kept and marked", async () => {
    await removeStudent(db, teacher, courseId, taro.id);
    expect(await code(joinCourse(db, taro, "DEMO2026"))).toBe("OK");
    await removeStudent(db, teacher, courseId, taro.id);
    const csv = await gradesCsv(db, teacher, courseId);
    expect(csv.startsWith("\uFEFFname,email,student_number,status,")).toBe(true);
    expect(csv).toContain("山田 太郎,taro@handprop.test,,removed,");
    expect(csv.split("\r\n")[0]).toContain(",total");
    expect(await db.submission.count({ where: { userId: taro.id } })).toBeGreaterThan(0);
    expect(await code(gradesCsv(db, alice, courseId))).toBe("FORBIDDEN");
    expect(await code(removeStudent(db, other, courseId, alice.id))).toBe("NOT_FOUND");
    // The roster lists current members first on either database (PostgreSQL sorts NULLs last by default).
    const members = await roster(db, teacher, courseId);
    const removedAt = members.map((m) => m.removedAt);
    expect(removedAt.at(-1)).not.toBeNull();
    expect(removedAt.findIndex((r) => r !== null)).toBe(removedAt.filter((r) => r === null).length);
  });
});

describe("students as staff see them", () => {
  it("name each with their number, or with their email when another has the same name and no number", () => {
    const people = [
      { name: "佐藤 花子", email: "a@x.jp", studentNumber: "2027A0001" },
      { name: "佐藤 花子", email: "b@x.jp", studentNumber: null },
      { name: "佐藤 花子", email: "c@x.jp" },
      { name: "鈴木 太郎", email: "d@x.jp" },
      { name: "高橋 結衣", email: "e@x.jp", studentNumber: "2027A0005" },
    ];
    expect(labelled(people).map((p) => p.label)).toEqual(["佐藤 花子 (2027A0001)", "佐藤 花子 (b@x.jp)", "佐藤 花子 (c@x.jp)", "鈴木 太郎", "高橋 結衣 (2027A0005)"]);
    // Every label of a class with 17 pairs of the same name tells its students apart.
    const cls = Array.from({ length: 300 }, (_, i) => ({ name: `学生 ${i < 34 ? Math.floor(i / 2) : i}`, email: `s${i}@x.jp` }));
    expect(sharedNames(cls).size).toBe(17);
    expect(new Set(labelled(cls).map((p) => p.label)).size).toBe(300);
  });
});

describe("the per-student table", () => {
  const row = (name: string, score: number, attempts: number, minutes: number): StudentRow => ({ userId: name, name, email: `${name}@x.test`, studentNumber: null, label: name, attempts, score, maxScore: 10, done: 1, minutes, perItem: [] });
  const students = [row("Chen", 9, 2, 30), row("Abe", 3, 5, 10), row("Bui", 6, 1, 50), row("Diaz", 3, 1, 20), row("Eto", 10, 3, 40)];

  it("sorts by name, by lowest score first, by most attempts or most time, ties by name", () => {
    const names = (sort: unknown) => studentPage(students, sort, 1).rows.map((s) => s.name);
    expect(names("name")).toEqual(["Abe", "Bui", "Chen", "Diaz", "Eto"]);
    expect(names("score")).toEqual(["Abe", "Diaz", "Bui", "Chen", "Eto"]);
    expect(names("attempts")).toEqual(["Abe", "Eto", "Chen", "Bui", "Diaz"]);
    expect(names("time")).toEqual(["Bui", "Eto", "Chen", "Diaz", "Abe"]);
    expect(names("<script>")).toEqual(names("name"));
  });

  it("pages the table, keeping any page number in range", () => {
    const p = (page: unknown) => studentPage(students, "name", page, 2);
    expect(p(1)).toMatchObject({ page: 1, pages: 3, total: 5 });
    expect(p(3).rows.map((s) => s.name)).toEqual(["Eto"]);
    expect(p(99).page).toBe(3);
    expect(p(-4).page).toBe(1);
    expect(p("abc").page).toBe(1);
    expect(studentPage([], "name", 1).pages).toBe(1);
  });
});
