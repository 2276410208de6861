// Where a student stands on a set before doing anything (lib/course/standing.ts), and the dashboard
// that says it: open and due when, late at what cost until when, closed; worked out from the
// student's own rules, so an extension or extra attempts show, and a manual score replaces the
// graded best there too. Opening an exercise and typing nothing saves no draft.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standingOf, timeUntil } from "../lib/course/standing";
import { NEW_SET_RULES } from "../lib/course/rules";
import { freshDb } from "./db";
import { actorsOf } from "./helpers";
import { seedDemo } from "../lib/course/demo";
import { studentDashboard } from "../lib/course/dashboard";
import { createSet } from "../lib/teach/sets";
import { giveManualScore, grantException } from "../lib/teach/exceptions";
import { openItem, saveDraft } from "../lib/course/work";

const at = (iso: string) => new Date(iso);
const rules = { ...NEW_SET_RULES, dueAt: at("2027-01-15T14:59:00Z") };

describe("a student's standing", () => {
  it("is not open, open, late or closed by the student's own dates", () => {
    expect(standingOf({ ...rules, opensAt: at("2027-01-10T00:00:00Z") }, at("2027-01-09T00:00:00Z"))).toEqual({ kind: "notOpen", opensAt: at("2027-01-10T00:00:00Z") });
    expect(standingOf(rules, at("2027-01-15T14:58:00Z"))).toEqual({ kind: "open", dueAt: rules.dueAt });
    // Refused late work: closed the moment it is due (23:59 JST is 14:59 UTC).
    expect(standingOf(rules, at("2027-01-15T14:59:00Z"))).toEqual({ kind: "closed", closedAt: rules.dueAt });
    const late = { ...rules, latePolicy: "accept" as const, latePenalty: 0.5, lateUntil: at("2027-01-16T14:59:00Z") };
    expect(standingOf(late, at("2027-01-15T15:01:00Z"))).toEqual({ kind: "late", penalty: 0.5, until: late.lateUntil });
    expect(standingOf(late, at("2027-01-16T15:00:00Z"))).toEqual({ kind: "closed", closedAt: late.lateUntil });
    expect(standingOf({ ...late, lateUntil: null }, at("2030-01-01T00:00:00Z"))).toEqual({ kind: "late", penalty: 0.5, until: null });
    expect(standingOf({ ...rules, dueAt: null }, at("2030-01-01T00:00:00Z"))).toEqual({ kind: "open", dueAt: null });
  });

  it("counts the time left in the largest whole unit", () => {
    const now = at("2027-01-01T00:00:00Z");
    expect(timeUntil(at("2027-01-04T05:00:00Z"), now)).toEqual({ unit: "day", count: 3 });
    expect(timeUntil(at("2027-01-01T05:30:00Z"), now)).toEqual({ unit: "hour", count: 5 });
    expect(timeUntil(at("2027-01-01T00:12:59Z"), now)).toEqual({ unit: "minute", count: 12 });
    expect(timeUntil(at("2026-12-31T00:00:00Z"), now)).toEqual({ unit: "minute", count: 0 });
  });
});

const db = await freshDb("standing");

describe("the dashboard", () => {
  type Actor = { id: string; role: "student" | "instructor" };
  let teacher: Actor, student: Actor;
  let courseId = "";

  beforeAll(async () => {
    ({ courseId } = await seedDemo(db));
    [teacher, student] = await actorsOf(db, "teacher@handprop.test", "alice@handprop.test");
  });
  afterAll(() => db.$disconnect());

  it("says a past-due set takes late work at its penalty, a closed one says how many attempts were used, and an extension moves both", async () => {
    const now = new Date();
    const day = 24 * 3600e3;
    const base = { templateIds: ["lecture-2-3-3-2-random"], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1, status: "published" };
    const late = await createSet(db, teacher, courseId, { ...base, title: "Late one", dueAt: new Date(now.getTime() - day).toISOString(), latePolicy: "accept", latePenalty: 0.5, lateUntil: new Date(now.getTime() + day).toISOString() });
    const closed = await createSet(db, teacher, courseId, { ...base, title: "Closed one", dueAt: new Date(now.getTime() - day).toISOString(), latePolicy: "refuse", latePenalty: 0 });
    const sets = async () => (await studentDashboard(db, student, now)).flatMap((c) => c.sets);
    const find = async (id: string) => (await sets()).find((s) => s.id === id)!;
    expect((await find(late.id)).standing).toMatchObject({ kind: "late", penalty: 0.5 });
    expect((await find(closed.id)).standing.kind).toBe("closed");
    expect((await find(closed.id)).items[0].attemptsUsed).toBe(0);
    // An extension of two days and an extra attempt: open again, for this student.
    await grantException(db, teacher, closed.id, { userId: student.id, dueAt: new Date(now.getTime() + day).toISOString(), extraAttempts: 1, reason: "ill" });
    const extended = await find(closed.id);
    expect(extended.standing).toMatchObject({ kind: "open" });
    expect(extended.attemptsAllowed).toBe(4);
    // A manual score replaces the graded best in the table the student sees.
    await giveManualScore(db, teacher, extended.items[0].id, { userId: student.id, score: 7, maxScore: 26, reason: "paper" });
    expect((await find(closed.id)).items[0].best).toEqual({ score: 7, max: 26, manual: true });
  });

  it("opening an exercise and saving nothing typed leaves it 'not started'", async () => {
    const item = (await studentDashboard(db, student)).flatMap((c) => c.sets.flatMap((s) => s.items)).find((i) => i.status === "notStarted")!;
    const variant = await openItem(db, student, item.id);
    await saveDraft(db, student, variant.id, { "steps[0].layers[0].A": [["", " ", ""]] });
    expect(await db.draft.count({ where: { variantId: variant.id } })).toBe(0);
    const again = (await studentDashboard(db, student)).flatMap((c) => c.sets.flatMap((s) => s.items)).find((i) => i.id === item.id)!;
    expect(again.status).toBe("notStarted");
    await saveDraft(db, student, variant.id, { "steps[0].layers[0].A": [["-2", "", ""]] });
    expect((await studentDashboard(db, student)).flatMap((c) => c.sets.flatMap((s) => s.items)).find((i) => i.id === item.id)!.status).toBe("inProgress");
  });
});
