// A set's life against a real database: drafts no student can see or open, publishing (at once or
// from an opening date), hiding, deleting a set nobody submitted to, copying a course to a new term,
// and removing a student after a confirmation, with the choice of whether their work still counts.
// The domain is called directly and through its form posts, as each kind of person who may try.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../lib/auth/session";
import { freshDbUrl, useForApp } from "./db-file";
import { answerOf, type Answer } from "./form-answer";
import { errorCode as code } from "./helpers";

const request = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
  headers: async () => new Headers({ "accept-language": "en", "x-forwarded-for": "192.0.2.12" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("../app/_lib/session.server", async (original) => ({ ...(await original<typeof import("../app/_lib/session.server")>()), currentActor: async () => request.actor }));

useForApp(await freshDbUrl("set-life"));
const { prisma: db } = await import("../lib/db/client");
const { seedDemo } = await import("../lib/course/demo");
const { studentDashboard } = await import("../lib/course/dashboard");
const { openItem, saveDraft, submitAnswers } = await import("../lib/course/work");
const { createSet } = await import("../lib/teach/sets");
const { changeSetStatus, deleteSet, setDeletability } = await import("../lib/teach/set-life");
const { copyCourse, removeStudent } = await import("../lib/teach/courses");
const { setStatistics } = await import("../lib/teach/stats");
const life = await import("../app/teach/life-actions");
const teach = await import("../app/teach/actions");
const DeleteSetPage = (await import("../app/teach/sets/[setId]/delete/page")).default;
const RemoveStudentPage = (await import("../app/teach/courses/[courseId]/remove/[userId]/page")).default;

const DAY = 24 * 3600 * 1000;
const TINY = JSON.stringify({ id: "tiny", title: "Tiny net", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
const RULES = { attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1 };

let courseId = "";
const people: Record<"teacher" | "alice" | "taro" | "ta" | "other", Actor> = {} as never;

beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  const actor = (u: { id: string; email: string; name: string; role: string; locale: string }): Actor => ({ id: u.id, email: u.email, name: u.name, role: u.role === "instructor" ? "instructor" : "student", locale: u.locale, sessionId: `${u.email}-session` });
  for (const name of ["teacher", "alice", "taro"] as const) people[name] = actor(await db.user.findUniqueOrThrow({ where: { email: `${name}@handprop.test` } }));
  const ta = await db.user.create({ data: { email: "ta@handprop.test", name: "Grad Assistant", role: "student", passwordHash: "x" } });
  await db.membership.create({ data: { userId: ta.id, courseId, role: "ta" } });
  people.ta = actor(ta);
  people.other = actor(await db.user.create({ data: { email: "other@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } }));
});
afterAll(() => db.$disconnect());

/** A form post as `who`: its redirect, its error page, or done (tests/form-answer.ts). */
async function post<A extends unknown[]>(who: keyof typeof people | null, action: (...args: A) => Promise<unknown>, ...args: A): Promise<Answer> {
  request.actor = who ? people[who] : null;
  return answerOf(async () => (await action(...args), true as const));
}

const form = (fields: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

/** The set titles a student's dashboard shows in the demo course. */
async function dashboardTitles(who: Actor, now = new Date()) {
  const courses = await studentDashboard(db, who, now);
  return courses.find((c) => c.id === courseId)?.sets.map((s) => s.title) ?? [];
}

async function firstItem(setId: string) {
  return db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId } });
}

describe("a draft", () => {
  it("is what the create form makes by default; a caller that does not say publishes", async () => {
    const answer = await post("teacher", teach.newSetAction, courseId, form({ title: "From the form", templateJson: TINY, attemptsAllowed: "3", revealPolicy: "never", carriedCredit: "1", latePolicy: "refuse", latePenalty: "0", status: "draft" }));
    expect("redirect" in answer && answer.redirect).toMatch(/^\/teach\/sets\//);
    expect((await db.problemSet.findFirstOrThrow({ where: { title: "From the form" } })).status).toBe("draft");
    const plain = await createSet(db, people.teacher, courseId, { title: "Plain", templatesJson: [TINY], ...RULES });
    expect(plain.status).toBe("published");
    expect(await code(createSet(db, people.teacher, courseId, { title: "Hidden at birth", templatesJson: [TINY], ...RULES, status: "hidden" }))).toBe("INVALID_INPUT");
  });

  it("is invisible to students and cannot be opened, until it is published", async () => {
    const set = await createSet(db, people.teacher, courseId, { title: "Draft quiz", templatesJson: [TINY], ...RULES, status: "draft" });
    const item = await firstItem(set.id);
    expect(await dashboardTitles(people.alice)).not.toContain("Draft quiz");
    expect(await code(openItem(db, people.alice, item.id))).toBe("NOT_FOUND");
    // The instructor and the TA still see it whole.
    expect((await setStatistics(db, people.ta, set.id)).set.title).toBe("Draft quiz");

    expect(await changeSetStatus(db, people.teacher, set.id, { status: "published" })).toBe("published");
    expect(await dashboardTitles(people.alice)).toContain("Draft quiz");
    const v = await openItem(db, people.alice, item.id);
    expect(v.itemId).toBe(item.id);
    const log = await db.auditEvent.findMany({ where: { problemSetId: set.id }, orderBy: { createdAt: "asc" } });
    expect(log.map((e) => [e.action, e.actorId])).toEqual([
      ["set.create", people.teacher.id],
      ["set.status", people.teacher.id],
    ]);
    expect(JSON.parse(log[1].detailJson)).toEqual({ before: "draft", after: "published" });
  });

  it("cannot come back once students submitted: hiding takes the set off dashboards and keeps the work", async () => {
    const set = await createSet(db, people.teacher, courseId, { title: "Test set", templatesJson: [TINY], ...RULES });
    const item = await firstItem(set.id);
    const v = await openItem(db, people.alice, item.id);
    await submitAnswers(db, people.alice, v.id, { "steps[0].layers[0].delta": [["1"]] }, "life-key-00001");
    expect(await code(changeSetStatus(db, people.teacher, set.id, { status: "draft" }))).toBe("CONFLICT");

    await changeSetStatus(db, people.teacher, set.id, { status: "hidden" });
    expect(await dashboardTitles(people.alice)).not.toContain("Test set");
    expect(await code(openItem(db, people.alice, item.id))).toBe("NOT_FOUND");
    expect(await code(saveDraft(db, people.alice, v.id, { "steps[0].layers[0].delta": [["2"]] }))).toBe("NOT_FOUND");
    expect(await code(submitAnswers(db, people.alice, v.id, { "steps[0].layers[0].delta": [["1"]] }, "life-key-00002"))).toBe("NOT_FOUND");
    expect(await db.submission.count({ where: { variantId: v.id } })).toBe(1);
    expect((await setStatistics(db, people.teacher, set.id)).set.status).toBe("hidden");

    await changeSetStatus(db, people.teacher, set.id, { status: "published" });
    expect(await dashboardTitles(people.alice)).toContain("Test set");
  });

  it("changes status only for the course's instructors, and only to a known status", async () => {
    const set = await createSet(db, people.teacher, courseId, { title: "Guarded", templatesJson: [TINY], ...RULES, status: "draft" });
    expect(await code(changeSetStatus(db, people.ta, set.id, { status: "published" }))).toBe("FORBIDDEN");
    expect(await code(changeSetStatus(db, people.alice, set.id, { status: "published" }))).toBe("FORBIDDEN");
    expect(await code(changeSetStatus(db, people.other, set.id, { status: "published" }))).toBe("NOT_FOUND");
    expect(await code(changeSetStatus(db, people.teacher, set.id, { status: "archived" }))).toBe("INVALID_INPUT");
    expect(await post("ta", life.setStatusAction, set.id, form({ status: "published" }))).toEqual({ redirect: `/teach/sets/${set.id}?error=errors%3AstaffOnlyInstructors#rules` });
    expect(await post("alice", life.setStatusAction, set.id, form({ status: "published" }))).toEqual({ status: 404 });
    expect(await post("other", life.setStatusAction, set.id, form({ status: "published" }))).toEqual({ status: 404 });
    for (const action of [() => life.setStatusAction(set.id, form({ status: "published" })), () => life.deleteSetAction(set.id), () => life.copyCourseAction(courseId, form({ title: "x", offsetDays: "1" })), () => life.confirmRemoveStudentAction(courseId, form({ userId: people.alice.id }))]) {
      // Signed out: the sign-in page, and back.
      const answer = await post(null, action);
      expect("redirect" in answer && answer.redirect).toMatch(/^\/signin\?callbackUrl=%2Fteach%2F/);
    }
    expect(await post("teacher", life.setStatusAction, set.id, form({ status: "<script>" }))).toEqual({ redirect: `/teach/sets/${set.id}?error=invalid#rules` });
    expect((await db.problemSet.findUniqueOrThrow({ where: { id: set.id } })).status).toBe("draft");
    expect(await post("teacher", life.setStatusAction, set.id, form({ status: "published" }))).toEqual({ done: true });
    expect((await db.problemSet.findUniqueOrThrow({ where: { id: set.id } })).status).toBe("published");
  });
});

describe("a set published with an opening date", () => {
  it("shows on the dashboard with the date, and its exercises open from then on", async () => {
    const opensAt = new Date(Date.now() + 3 * DAY);
    const set = await createSet(db, people.teacher, courseId, { title: "Next week", templatesJson: [TINY], ...RULES, opensAt: opensAt.toISOString(), dueAt: new Date(Date.now() + 10 * DAY).toISOString() });
    const item = await firstItem(set.id);
    const shown = (await studentDashboard(db, people.alice)).find((c) => c.id === courseId)!.sets.find((s) => s.id === set.id)!;
    expect(shown).toMatchObject({ notOpenYet: true, opensAt });
    expect(shown.items.map((i) => i.id)).toEqual([item.id]);
    const refusal = await openItem(db, people.alice, item.id).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "FORBIDDEN", say: "errors.notOpenYet", details: { opensAt: opensAt.toISOString() } });
    const later = new Date(opensAt.getTime() + 1000);
    expect((await studentDashboard(db, people.alice, later)).find((c) => c.id === courseId)!.sets.find((s) => s.id === set.id)!.notOpenYet).toBe(false);
    expect((await openItem(db, people.alice, item.id, later)).itemId).toBe(item.id);
  });
});

describe("deleting a set", () => {
  it("removes a set nobody submitted to, with the variants and drafts drawn for it; its history stays", async () => {
    const set = await createSet(db, people.teacher, courseId, { title: "Mistake", templatesJson: [TINY], ...RULES });
    const item = await firstItem(set.id);
    const v = await openItem(db, people.alice, item.id);
    await saveDraft(db, people.alice, v.id, { "steps[0].layers[0].delta": [["2"]] });
    expect(await setDeletability(db, people.ta, set.id)).toEqual({ submissions: 0, ltiLinks: 0, deletable: true });
    expect(await code(deleteSet(db, people.ta, set.id))).toBe("FORBIDDEN");
    expect(await post("alice", life.deleteSetAction, set.id)).toEqual({ status: 404 });
    expect(await post("other", life.deleteSetAction, set.id)).toEqual({ status: 404 });
    expect(await post("ta", life.deleteSetAction, set.id)).toEqual({ redirect: `/teach/sets/${set.id}/delete?error=errors%3AstaffOnlyInstructors` });
    expect(await db.problemSet.count({ where: { id: set.id } })).toBe(1);

    expect(await post("teacher", life.deleteSetAction, set.id)).toEqual({ redirect: `/teach/courses/${courseId}?deleted=1` });
    expect(await db.problemSet.count({ where: { id: set.id } })).toBe(0);
    expect(await db.problemSetItem.count({ where: { problemSetId: set.id } })).toBe(0);
    expect(await db.variant.count({ where: { id: v.id } })).toBe(0);
    expect(await db.draft.count({ where: { variantId: v.id } })).toBe(0);
    const gone = await db.auditEvent.findFirstOrThrow({ where: { courseId, action: "set.delete", problemSetId: set.id } });
    expect(JSON.parse(gone.detailJson)).toEqual({ title: "Mistake", exercises: ["tiny"] });
    expect(await post("teacher", life.deleteSetAction, set.id)).toEqual({ status: 404 });
  });

  it("refuses a set with submissions, and says so", async () => {
    const set = await createSet(db, people.teacher, courseId, { title: "Worked on", templatesJson: [TINY], ...RULES });
    const v = await openItem(db, people.taro, (await firstItem(set.id)).id);
    await submitAnswers(db, people.taro, v.id, { "steps[0].layers[0].delta": [["1"]] }, "life-key-00003");
    expect(await setDeletability(db, people.teacher, set.id)).toEqual({ submissions: 1, ltiLinks: 0, deletable: false });
    expect(await code(deleteSet(db, people.teacher, set.id))).toBe("CONFLICT");
    expect(await post("teacher", life.deleteSetAction, set.id)).toEqual({ redirect: `/teach/sets/${set.id}/delete?error=errors%3AsetHasSubmissions` });
    expect(await db.submission.count({ where: { variantId: v.id } })).toBe(1);
    expect(await db.problemSet.count({ where: { id: set.id } })).toBe(1);
  });
});

describe("copying a course to a new term", () => {
  it("copies its sets as drafts with templates, rules and dates moved; not its students, staff, work or links", async () => {
    const source = (await db.course.create({ data: { title: "Spring", joinCode: "SPRING26", ownerId: people.teacher.id, memberships: { create: [{ userId: people.teacher.id, role: "instructor" }, { userId: people.alice.id, role: "student" }, { userId: people.ta.id, role: "ta" }] } } })).id;
    const a = await createSet(db, people.teacher, source, { title: "Week 1", templateIds: ["lecture-2-3-3-2-random"], templatesJson: [TINY], attemptsAllowed: 2, revealPolicy: "after_due", carriedCredit: 0.5, latePolicy: "refuse", opensAt: "2026-04-06T00:00:00Z", dueAt: "2026-04-13T09:00:00Z" });
    await createSet(db, people.teacher, source, { title: "Week 2", templatesJson: [TINY], attemptsAllowed: 4, revealPolicy: "never", carriedCredit: 1, latePolicy: "accept", latePenalty: 0.25 });
    await openItem(db, people.alice, (await firstItem(a.id)).id);

    const copy = await copyCourse(db, people.teacher, source, { title: "Autumn", offsetDays: "182" });
    expect(copy).toMatchObject({ title: "Autumn", ownerId: people.teacher.id });
    expect(copy.joinCode).not.toBe("SPRING26");
    expect(await db.membership.findMany({ where: { courseId: copy.id }, select: { userId: true, role: true } })).toEqual([{ userId: people.teacher.id, role: "instructor" }]);
    const sets = await db.problemSet.findMany({ where: { courseId: copy.id }, include: { items: { orderBy: { position: "asc" } } }, orderBy: { createdAt: "asc" } });
    expect(sets.map((s) => [s.title, s.status, s.opensAt?.toISOString() ?? null, s.dueAt?.toISOString() ?? null])).toEqual([
      ["Week 1", "draft", "2026-10-05T00:00:00.000Z", "2026-10-12T09:00:00.000Z"],
      ["Week 2", "draft", null, null],
    ]);
    expect(sets.map((s) => [s.attemptsAllowed, s.revealPolicy, s.carriedCredit, s.latePolicy, s.latePenalty])).toEqual([
      [2, "after_due", 0.5, "refuse", 0],
      [4, "never", 1, "accept", 0.25],
    ]);
    const originals = await db.problemSetItem.findMany({ where: { problemSetId: a.id }, orderBy: { position: "asc" } });
    expect(sets[0].items.map((i) => [i.position, i.templateId, i.title, i.templateJson])).toEqual(originals.map((i) => [i.position, i.templateId, i.title, i.templateJson]));
    expect(await db.variant.count({ where: { item: { problemSet: { courseId: copy.id } } } })).toBe(0);
    expect(await db.ltiContext.count({ where: { courseId: copy.id } })).toBe(0);
    // The copy's drafts reach nobody: its one member is the instructor who made it.
    expect((await studentDashboard(db, people.alice)).map((c) => c.id)).not.toContain(copy.id);
    expect((await db.auditEvent.findFirstOrThrow({ where: { courseId: copy.id, action: "course.copy" } })).actorId).toBe(people.teacher.id);
    expect(await db.auditEvent.count({ where: { courseId: source, action: "course.copied" } })).toBe(1);
  });

  it("is for the course's instructors; a bad offset or title is refused with a message", async () => {
    const before = await db.course.count();
    expect(await code(copyCourse(db, people.ta, courseId, { title: "x", offsetDays: 7 }))).toBe("FORBIDDEN");
    expect(await code(copyCourse(db, people.alice, courseId, { title: "x", offsetDays: 7 }))).toBe("FORBIDDEN");
    expect(await code(copyCourse(db, people.other, courseId, { title: "x", offsetDays: 7 }))).toBe("NOT_FOUND");
    for (const bad of [{ title: "x", offsetDays: "soon" }, { title: "x", offsetDays: 1.5 }, { title: "x", offsetDays: 99999 }, { title: " ", offsetDays: 7 }]) {
      expect(await code(copyCourse(db, people.teacher, courseId, bad))).toBe("INVALID_INPUT");
    }
    expect(await post("ta", life.copyCourseAction, courseId, form({ title: "x", offsetDays: "7" }))).toEqual({ redirect: `/teach/courses/${courseId}?on=copy&error=errors%3AstaffOnlyInstructors#copy` });
    expect(await post("alice", life.copyCourseAction, courseId, form({ title: "x", offsetDays: "7" }))).toEqual({ status: 404 });
    expect(await post("other", life.copyCourseAction, courseId, form({ title: "x", offsetDays: "7" }))).toEqual({ status: 404 });
    expect(await post("teacher", life.copyCourseAction, courseId, form({ title: "x", offsetDays: "next year" }))).toEqual({ redirect: `/teach/courses/${courseId}?on=copy&error=errors%3AbadCopy#copy` });
    expect(await db.course.count()).toBe(before);
    const done = await post("teacher", life.copyCourseAction, courseId, form({ title: "Demo, next year", offsetDays: "364" }));
    const copy = await db.course.findFirstOrThrow({ where: { title: "Demo, next year" } });
    expect(done).toEqual({ redirect: `/teach/courses/${copy.id}` });
  });
});

describe("removing a student", () => {
  it("keeps their work counting by default, or leaves it out when the instructor says so", async () => {
    const c = (await db.course.create({ data: { title: "Removals", joinCode: "REMOVE26", ownerId: people.teacher.id, memberships: { create: [{ userId: people.teacher.id, role: "instructor" }, { userId: people.alice.id, role: "student" }, { userId: people.taro.id, role: "student" }] } } })).id;
    const member = (userId: string) => db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId, courseId: c } } });
    expect(await post("teacher", life.confirmRemoveStudentAction, c, form({ userId: people.alice.id, countsInStats: "keep" }))).toEqual({ redirect: `/teach/courses/${c}#roster` });
    expect(await member(people.alice.id)).toMatchObject({ countsInStats: true, removedAt: expect.any(Date) });
    expect(await post("teacher", life.confirmRemoveStudentAction, c, form({ userId: people.taro.id, countsInStats: "drop" }))).toEqual({ redirect: `/teach/courses/${c}#roster` });
    expect(await member(people.taro.id)).toMatchObject({ countsInStats: false, removedAt: expect.any(Date) });
    const log = await db.auditEvent.findMany({ where: { courseId: c, action: "student.remove" }, orderBy: { createdAt: "asc" } });
    expect(log.map((e) => JSON.parse(e.detailJson))).toEqual([
      { userId: people.alice.id, countsInStats: true },
      { userId: people.taro.id, countsInStats: false },
    ]);
    // Called without a choice (the older one-step post), the work keeps counting.
    await db.membership.update({ where: { userId_courseId: { userId: people.alice.id, courseId: c } }, data: { removedAt: null } });
    await removeStudent(db, people.teacher, c, people.alice.id);
    expect((await member(people.alice.id)).countsInStats).toBe(true);
  });

  it("refuses anyone but the course's instructors, unknown students and unreadable choices", async () => {
    const alice = await db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId: people.alice.id, courseId } } });
    expect(await post("ta", life.confirmRemoveStudentAction, courseId, form({ userId: people.alice.id }))).toEqual({ redirect: `/teach/courses/${courseId}?error=errors%3AstaffOnlyInstructors#roster` });
    expect(await post("alice", life.confirmRemoveStudentAction, courseId, form({ userId: people.taro.id }))).toEqual({ status: 404 });
    expect(await post("other", life.confirmRemoveStudentAction, courseId, form({ userId: people.alice.id }))).toEqual({ status: 404 });
    expect(await post("teacher", life.confirmRemoveStudentAction, courseId, form({ userId: people.alice.id, countsInStats: "maybe" }))).toEqual({ redirect: `/teach/courses/${courseId}?error=invalid#roster` });
    expect(await post("teacher", life.confirmRemoveStudentAction, courseId, form({ userId: people.ta.id }))).toEqual({ redirect: `/teach/courses/${courseId}?error=noStudent#roster` });
    expect(await db.membership.findUniqueOrThrow({ where: { id: alice.id } })).toEqual(alice);
  });
});

describe("the confirmation pages", () => {
  it("are for the course's instructors; anyone else, or a student who is not there to remove, gets the 404 page", async () => {
    const set = await createSet(db, people.teacher, courseId, { title: "Confirm me", templatesJson: [TINY], ...RULES });
    const deletePage = () => DeleteSetPage({ params: Promise.resolve({ setId: set.id }), searchParams: Promise.resolve({}) });
    const removePage = (userId: string) => () => RemoveStudentPage({ params: Promise.resolve({ courseId, userId }) });
    for (const who of ["ta", "alice", "other"] as const) {
      expect(await post(who, deletePage)).toEqual({ status: 404 });
      expect(await post(who, removePage(people.taro.id))).toEqual({ status: 404 });
    }
    expect(await post("teacher", deletePage)).toEqual({ done: true });
    expect(await post("teacher", removePage(people.taro.id))).toEqual({ done: true });
    for (const userId of [people.ta.id, people.teacher.id, "made-up", "../x", "%E0%A4%A", "x".repeat(300)]) expect(await post("teacher", removePage(userId))).toEqual({ status: 404 });
    // An account whose id is not a cuid (made by a script) is found by its id, escaped or not.
    const scripted = await db.user.create({ data: { id: "script-kim@example.org", email: "kim@example.org", name: "Kim Scripted", role: "student", passwordHash: "x" } });
    await db.membership.create({ data: { userId: scripted.id, courseId, role: "student" } });
    expect(await post("teacher", removePage(encodeURIComponent(scripted.id)))).toEqual({ done: true });
    expect(await post("teacher", life.confirmRemoveStudentAction, courseId, form({ userId: scripted.id, countsInStats: "drop" }))).toEqual({ redirect: `/teach/courses/${courseId}#roster` });
    expect(await db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId: scripted.id, courseId } } })).toMatchObject({ countsInStats: false, removedAt: expect.any(Date) });
  });
});
