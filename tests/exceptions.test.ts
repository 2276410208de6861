// Per-student exceptions and manual scores against a real database: the submission route, the
// reveal rule, the grade export and the LMS score each respect them; only instructors make them,
// every change is in the audit log, and a manual score tells its student.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbUrl, useForApp } from "./db-file";
import { errorCode as code } from "./helpers";

// The route modules use the app's shared client, which reads its URL when first imported.
useForApp(await freshDbUrl("exceptions"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { seedDemo } = await import("../lib/course/demo");
const { openItem, submitAnswers } = await import("../lib/course/work");
const { attemptView, workView } = await import("../lib/course/reveal");
const { createSet, setHistory } = await import("../lib/teach/sets");
const { gradesCsv } = await import("../lib/teach/export");
const { setScoreOf } = await import("../lib/course/scores");
const ex = await import("../lib/teach/exceptions");
const { setStatistics } = await import("../lib/teach/stats");
const submissionsRoute = await import("../app/api/variants/[id]/submissions/route");
const gradesRoute = await import("../app/teach/courses/[courseId]/grades.csv/route");

type Actor = { id: string; role: "student" | "instructor" };
let teacher: Actor, other: Actor, ta: Actor, alice: Actor, taro: Actor;
let courseId = "";

const HOUR = 3600_000;
const TINY = (id: string) => JSON.stringify({ id, title: `Tiny ${id}`, fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
// A = X = 2 is right; the rest left out: a score of 2 out of the exercise's points.
const ANSWERS = { "steps[0].layers[0].A": [["2"]], "steps[0].layers[0].X": [["2"]] };
let keys = 0;
const key = () => `exc-key-${String(++keys).padStart(6, "0")}`;

/** A published set of one tiny exercise with these rules; its item id. */
async function tinySet(title: string, rules: { dueAt?: string; attemptsAllowed?: number; revealPolicy?: string }) {
  const set = await createSet(db, teacher, courseId, { title, templatesJson: [TINY(title.toLowerCase().replace(/\W/g, ""))], attemptsAllowed: rules.attemptsAllowed ?? 1, revealPolicy: rules.revealPolicy ?? "never", carriedCredit: 1, dueAt: rules.dueAt });
  // Sets may start as drafts (a set's life): these are published, as students would find them.
  await db.problemSet.update({ where: { id: set.id }, data: { status: "published" } });
  const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: set.id } });
  return { setId: set.id, itemId: item.id };
}

/** What a route answers `who` (a session cookie signed as next-auth signs it). */
async function call<P extends Record<string, string>>(handler: (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>, who: Actor, params: P, body?: unknown) {
  const token = await encode({ token: { sub: who.id }, secret: sessionSecret(), maxAge: 3600 });
  const init = { method: body === undefined ? "GET" : "POST", headers: { "content-type": "application/json", cookie: `next-auth.session-token=${token}` }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
  return handler(new NextRequest("http://localhost/api/x", init), { params: Promise.resolve(params) });
}

beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  const user = async (email: string) => {
    const u = await db.user.findUniqueOrThrow({ where: { email } });
    return { id: u.id, role: u.role as Actor["role"] };
  };
  [teacher, alice, taro] = await Promise.all(["teacher@handprop.test", "alice@handprop.test", "taro@handprop.test"].map(user));
  other = { id: (await db.user.create({ data: { email: "other@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } })).id, role: "instructor" };
  ta = { id: (await db.user.create({ data: { email: "ta@handprop.test", name: "A Assistant", role: "student", passwordHash: "x" } })).id, role: "student" };
  await db.membership.create({ data: { userId: ta.id, courseId, role: "ta" } });
});
afterAll(() => db.$disconnect());

describe("an extension", () => {
  it("lets one student submit after the due date through the submission route while another is refused", async () => {
    const { setId, itemId } = await tinySet("Closed", { dueAt: new Date(Date.now() - HOUR).toISOString() });
    await ex.grantException(db, teacher, setId, { userId: alice.id, dueAt: new Date(Date.now() + 24 * HOUR).toISOString(), reason: "ill, doctor's note" });
    const va = await openItem(db, alice, itemId);
    const vt = await openItem(db, taro, itemId);
    const ok = await call(submissionsRoute.POST, alice, { id: va.id }, { answers: ANSWERS, idempotencyKey: key() });
    expect(ok.status).toBe(201);
    expect((await db.submission.findFirstOrThrow({ where: { variantId: va.id } })).late).toBe(false);
    const refused = await call(submissionsRoute.POST, taro, { id: vt.id }, { answers: ANSWERS, idempotencyKey: key() });
    expect(refused.status).toBe(409);
    expect(await db.submission.count({ where: { variantId: vt.id } })).toBe(0);
    // The student's page reads their own due date, and says it was extended.
    const view = await workView(db, alice, va.id);
    expect(view.variant.item?.problemSet.exception?.dueAt?.getTime()).toBeGreaterThan(Date.now());
    expect((await workView(db, taro, vt.id)).variant.item?.problemSet.exception).toBeNull();
  });

  it("gives extra attempts to one student only, and taking it away applies the set's rules again", async () => {
    const { setId, itemId } = await tinySet("Attempts", { attemptsAllowed: 1 });
    await ex.grantException(db, teacher, setId, { userId: alice.id, extraAttempts: "1", reason: "network failure during the quiz" });
    // Shown in the per-student table of the set's statistics, for alice only.
    const table = (await setStatistics(db, teacher, setId)).students;
    expect(table.find((r) => r.userId === alice.id)!.exception).toMatchObject({ extraAttempts: 1 });
    expect(table.find((r) => r.userId === taro.id)!.exception).toBeUndefined();
    const va = await openItem(db, alice, itemId);
    const vt = await openItem(db, taro, itemId);
    await submitAnswers(db, alice, va.id, ANSWERS, key());
    await submitAnswers(db, alice, va.id, ANSWERS, key());
    expect(await code(submitAnswers(db, alice, va.id, ANSWERS, key()))).toBe("CONFLICT");
    await submitAnswers(db, taro, vt.id, ANSWERS, key());
    expect(await code(submitAnswers(db, taro, vt.id, ANSWERS, key()))).toBe("CONFLICT");
    expect((await workView(db, alice, va.id)).attemptsLeft).toBe(0);
    await ex.withdrawException(db, teacher, setId, alice.id);
    expect(await db.studentException.count({ where: { problemSetId: setId } })).toBe(0);
  });

  it("keeps solutions shown 'after the due date' hidden from everyone until the latest extension has passed", async () => {
    const t0 = Date.now();
    const { setId, itemId } = await tinySet("Reveal", { dueAt: new Date(t0 + HOUR).toISOString(), revealPolicy: "after_due", attemptsAllowed: 2 });
    await ex.grantException(db, teacher, setId, { userId: alice.id, dueAt: new Date(t0 + 3 * HOUR).toISOString(), reason: "exam clash" }, new Date(t0));
    const va = await openItem(db, alice, itemId);
    const vt = await openItem(db, taro, itemId);
    const between = new Date(t0 + 2 * HOUR);
    // Past the set's due date: taro may no longer submit, alice may, and neither sees the solution.
    expect(await code(submitAnswers(db, taro, vt.id, ANSWERS, key(), between))).toBe("CONFLICT");
    const sub = await submitAnswers(db, alice, va.id, ANSWERS, key(), between);
    expect(sub.late).toBe(false);
    expect((await attemptView(db, alice, sub.id, between)).revealed).toBe(false);
    expect((await workView(db, taro, vt.id, between)).revealed).toBe(false);
    expect((await workView(db, alice, va.id, between)).revealed).toBe(false);
    const after = new Date(t0 + 4 * HOUR);
    expect((await workView(db, taro, vt.id, after)).revealed).toBe(true);
    expect((await workView(db, alice, va.id, after)).revealed).toBe(true);
    expect((await attemptView(db, alice, sub.id, after)).revealed).toBe(true);
    // Once the solution is out, more time would let a student copy it: refused.
    expect(await code(ex.grantException(db, teacher, setId, { userId: taro.id, dueAt: new Date(t0 + 9 * HOUR).toISOString(), reason: "late request" }, after))).toBe("CONFLICT");
  });

  it("is refused when it gives nothing, shortens the due date, has no reason, or names no student of the course", async () => {
    const { setId } = await tinySet("Checks", { dueAt: new Date(Date.now() + HOUR).toISOString() });
    const soon = new Date(Date.now() + 30 * 60_000).toISOString();
    expect(await code(ex.grantException(db, teacher, setId, { userId: alice.id, dueAt: soon, reason: "x" }))).toBe("INVALID_INPUT");
    expect(await code(ex.grantException(db, teacher, setId, { userId: alice.id, reason: "x" }))).toBe("INVALID_INPUT");
    expect(await code(ex.grantException(db, teacher, setId, { userId: alice.id, extraAttempts: 1, reason: "  " }))).toBe("INVALID_INPUT");
    expect(await code(ex.grantException(db, teacher, setId, { userId: alice.id, extraAttempts: -1, reason: "x" }))).toBe("INVALID_INPUT");
    expect(await code(ex.grantException(db, teacher, setId, { userId: teacher.id, extraAttempts: 1, reason: "x" }))).toBe("NOT_FOUND");
    expect(await code(ex.grantException(db, teacher, setId, { userId: other.id, extraAttempts: 1, reason: "x" }))).toBe("NOT_FOUND");
    const { setId: undated } = await tinySet("Undated", {});
    expect(await code(ex.grantException(db, teacher, undated, { userId: alice.id, dueAt: soon, reason: "x" }))).toBe("INVALID_INPUT");
    expect(await db.studentException.count({ where: { problemSetId: { in: [setId, undated] } } })).toBe(0);
  });

  it("is made by the course's instructors only, and audited with who, what and why", async () => {
    const { setId } = await tinySet("Who", { dueAt: new Date(Date.now() + HOUR).toISOString() });
    const input = { userId: taro.id, extraAttempts: 2, reason: "asked by email" };
    expect(await code(ex.grantException(db, ta, setId, input))).toBe("FORBIDDEN");
    expect(await code(ex.grantException(db, alice, setId, input))).toBe("FORBIDDEN");
    expect(await code(ex.grantException(db, other, setId, input))).toBe("NOT_FOUND");
    expect(await code(ex.setAdjustments(db, alice, setId))).toBe("FORBIDDEN");
    expect(await code(ex.setAdjustments(db, other, setId))).toBe("NOT_FOUND");
    expect(await db.studentException.count({ where: { problemSetId: setId } })).toBe(0);
    await ex.grantException(db, teacher, setId, input);
    expect(await code(ex.withdrawException(db, ta, setId, taro.id))).toBe("FORBIDDEN");
    const [entry] = await setHistory(db, teacher, setId);
    expect(entry.action).toBe("student.exception");
    expect(entry.actorId).toBe(teacher.id);
    expect(JSON.parse(entry.detailJson)).toMatchObject({ userId: taro.id, before: null, after: { extraAttempts: 2 }, reason: "asked by email" });
    // The history says whom and what, in each language.
    const { historySentence } = await import("../lib/teach/history");
    const { translator } = await import("../lib/i18n");
    const event = { ...entry, actor: { name: "Demo Teacher" } };
    expect(historySentence(event, translator("en"), "en")).toBe(`Demo Teacher gave 山田 太郎 2 extra attempts (before: none; reason: asked by email).`);
    expect(historySentence(event, translator("ja"), "ja")).toContain("山田 太郎");
    expect(historySentence(event, translator("ja"), "ja")).toContain("追加 2 回");
    const manual = { ...event, action: "student.manualScore", detailJson: JSON.stringify({ student: "山田 太郎", exercise: "Lecture", before: 20, after: 24, maxScore: 26, reason: "paper" }) };
    expect(historySentence(manual, translator("en"), "en")).toBe(`Demo Teacher set 山田 太郎's score on “Lecture” to 24/26 by hand (before: 20/26; reason: paper).`);
    // The TA reads them (the set page), without changing them.
    const seen = await ex.setAdjustments(db, ta, setId);
    expect(seen.students.find((s) => s.userId === taro.id)?.exception).toMatchObject({ extraAttempts: 2, reason: "asked by email" });
  });
});

describe("a manual score", () => {
  it("replaces the graded score in the export, the LMS score and the student's page, tells the student, and is audited", async () => {
    const { setId, itemId } = await tinySet("Manual", { attemptsAllowed: 3 });
    const va = await openItem(db, alice, itemId);
    await submitAnswers(db, alice, va.id, ANSWERS, key());
    const graded = await db.variantResult.findUniqueOrThrow({ where: { variantId: va.id } });
    expect(graded.bestScore).toBeLessThan(graded.maxScore);
    const before = await setScoreOf(db, alice.id, setId);
    await ex.giveManualScore(db, teacher, itemId, { userId: alice.id, score: String(graded.maxScore - 1), reason: "worked on paper, one slip" });

    const csv = Papa.parse<Record<string, string>>((await gradesCsv(db, teacher, courseId)).replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
    const row = csv.find((r) => r.email === "alice@handprop.test")!;
    const column = Object.keys(row).find((k) => k.startsWith("Manual ("))!;
    expect(column).toBe(`Manual (/${graded.maxScore})`);
    expect(row[column]).toBe(String(graded.maxScore - 1));
    expect(row["manual scores"]).toBe(`Manual / Tiny manual: ${graded.maxScore - 1}/${graded.maxScore} (worked on paper, one slip)`);
    expect(csv.find((r) => r.email === "taro@handprop.test")!["manual scores"]).toBe("");

    const after = await setScoreOf(db, alice.id, setId);
    expect(after.scoreGiven).toBeCloseTo((100 * (graded.maxScore - 1)) / graded.maxScore, 2);
    expect(after.scoreGiven).toBeGreaterThan(before.scoreGiven);

    expect((await workView(db, alice, va.id)).variant.item?.manualScore).toEqual({ score: graded.maxScore - 1, maxScore: graded.maxScore, reason: "worked on paper, one slip" });
    const notice = await db.gradeNotice.findFirstOrThrow({ where: { userId: alice.id, itemId } });
    expect(notice).toMatchObject({ kind: "manual", before: graded.bestScore, after: graded.maxScore - 1, maxScore: graded.maxScore, reason: "worked on paper, one slip", seenAt: null });
    const mine = await ex.myAdjustments(db, alice);
    expect(mine.manualScores.map((m) => [m.itemTitle, m.score, m.reason])).toContainEqual(["Tiny manual", graded.maxScore - 1, "worked on paper, one slip"]);
    expect((await ex.myAdjustments(db, taro)).manualScores).toEqual([]);
    // The per-student table of the set's statistics counts the manual score and marks it.
    const stats = await setStatistics(db, teacher, setId);
    const aliceRow = stats.students.find((r) => r.userId === alice.id)!;
    expect(aliceRow.perItem[0]).toMatchObject({ variantId: va.id, best: graded.maxScore - 1, manual: "worked on paper, one slip" });
    expect(aliceRow.score).toBe(graded.maxScore - 1);
    const [entry] = await setHistory(db, teacher, setId);
    expect(entry.action).toBe("student.manualScore");
    expect(JSON.parse(entry.detailJson)).toMatchObject({ userId: alice.id, before: graded.bestScore, after: graded.maxScore - 1, reason: "worked on paper, one slip" });

    // Withdrawn, the graded score counts again.
    await ex.withdrawManualScore(db, teacher, itemId, alice.id);
    expect((await setScoreOf(db, alice.id, setId)).scoreGiven).toBe(before.scoreGiven);
  });

  it("shows in the grade export route for staff, and is refused above the points, without a reason, or to anyone but instructors", async () => {
    const { itemId } = await tinySet("Manual2", {});
    // Nobody has submitted yet: the points must be given.
    expect(await code(ex.giveManualScore(db, teacher, itemId, { userId: taro.id, score: 3, reason: "oral exam" }))).toBe("INVALID_INPUT");
    expect(await code(ex.giveManualScore(db, teacher, itemId, { userId: taro.id, score: 11, maxScore: 10, reason: "oral exam" }))).toBe("INVALID_INPUT");
    expect(await code(ex.giveManualScore(db, teacher, itemId, { userId: taro.id, score: 7, maxScore: 10, reason: "" }))).toBe("INVALID_INPUT");
    expect(await code(ex.giveManualScore(db, ta, itemId, { userId: taro.id, score: 7, maxScore: 10, reason: "oral exam" }))).toBe("FORBIDDEN");
    expect(await code(ex.giveManualScore(db, taro, itemId, { userId: taro.id, score: 10, maxScore: 10, reason: "me" }))).toBe("FORBIDDEN");
    expect(await code(ex.giveManualScore(db, other, itemId, { userId: taro.id, score: 7, maxScore: 10, reason: "oral exam" }))).toBe("NOT_FOUND");
    expect(await code(ex.giveManualScore(db, teacher, "no-such-item", { userId: taro.id, score: 7, maxScore: 10, reason: "oral exam" }))).toBe("NOT_FOUND");
    expect(await db.manualScore.count({ where: { itemId } })).toBe(0);
    expect(await db.gradeNotice.count({ where: { itemId } })).toBe(0);
    await ex.giveManualScore(db, teacher, itemId, { userId: taro.id, score: 7, maxScore: 10, reason: "oral exam" });
    const res = await call(gradesRoute.GET, ta, { courseId });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Manual2 / Tiny manual2: 7/10 (oral exam)");
    expect((await call(gradesRoute.GET, taro, { courseId })).status).toBe(403);
  });
});
