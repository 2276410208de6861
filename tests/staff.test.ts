// Course staff: co-instructors and teaching assistants, added by email and removed by the course's
// instructors. Then every instructor-side form post, page loader and route that reads course data,
// tried as each kind of person: the owner, a co-instructor, a TA, a student of the course, another
// course's instructor, another course's TA, and nobody. Strangers get the 404 page (they must not
// learn the course exists); a TA sees everything and changes nothing; the database says so after.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../lib/auth/session";
import { freshDbUrl, useForApp } from "./db-file";
import { answerOf, type Answer } from "./form-answer";
import { errorCode as code } from "./helpers";

// The request the pages and actions run in: who is signed in and their language.
const request = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "locale" ? { name, value: "en" } : undefined), getAll: () => [], has: (name: string) => name === "locale" }),
  headers: async () => new Headers({ "accept-language": "en", "x-forwarded-for": "192.0.2.20" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("../app/_lib/session.server", async (original) => ({ ...(await original<typeof import("../app/_lib/session.server")>()), currentActor: async () => request.actor }));

useForApp(await freshDbUrl("staff"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { seedDemo } = await import("../lib/course/demo");
const { openItem, submitAnswers, joinCourse } = await import("../lib/course/work");
const { mayReveal } = await import("../lib/course/reveal");
const { createCourse } = await import("../lib/teach/courses");
const { courseAccess, coursesStaffedBy } = await import("../lib/access");
const { addStaff, courseStaff, removeStaff } = await import("../lib/teach/staff");
const teach = await import("../app/teach/actions");
const staffActions = await import("../app/teach/staff-actions");
const CoursePage = (await import("../app/teach/courses/[courseId]/page")).default;
const { CourseStaff } = await import("../app/teach/courses/[courseId]/_staff");
const BuilderPage = (await import("../app/teach/courses/[courseId]/builder/page")).default;
const SetPage = (await import("../app/teach/sets/[setId]/page")).default;
const VariantPage = (await import("../app/teach/variants/[variantId]/page")).default;
const TeachPage = (await import("../app/teach/page")).default;
const gradesRoute = await import("../app/teach/courses/[courseId]/grades.csv/route");
const templateRoute = await import("../app/teach/items/[itemId]/template.json/route");
const jobRoute = await import("../app/api/jobs/[id]/route");
const passwordsRoute = await import("../app/teach/courses/[courseId]/initial-passwords/route");
const draftRoute = await import("../app/api/variants/[id]/draft/route");
const submitRoute = await import("../app/api/variants/[id]/submissions/route");
const { translator } = await import("../lib/i18n");

const ROLES = ["owner", "coInstructor", "ta", "student", "otherInstructor", "otherTa", "nobody"] as const;
type Role = (typeof ROLES)[number];
const people = {} as Record<Exclude<Role, "nobody">, Actor>;
let courseId = "";
let setId = "";
let itemId = "";
let variantId = "";
let jobId = "";
let otherCourseId = "";

/** An account of the given global role, as the session would name it. */
async function account(key: string, role: "student" | "instructor"): Promise<Actor> {
  const u = await db.user.create({ data: { email: `${key.toLowerCase()}@staff.test`, name: `${key} Person`, role, passwordHash: "x" } });
  return { id: u.id, email: u.email, name: u.name, role, locale: "en", sessionId: `${key}-session` };
}

beforeAll(async () => {
  ({ courseId, problemSetId: setId } = await seedDemo(db));
  const teacher = await db.user.findUniqueOrThrow({ where: { email: "teacher@handprop.test" } });
  const alice = await db.user.findUniqueOrThrow({ where: { email: "alice@handprop.test" } });
  people.owner = { id: teacher.id, email: teacher.email, name: teacher.name, role: "instructor", locale: "en", sessionId: "owner-session" };
  people.student = { id: alice.id, email: alice.email, name: alice.name, role: "student", locale: "en", sessionId: "student-session" };
  // The co-instructor has an instructor's account; the TAs are graduate students (global role "student").
  people.coInstructor = await account("Co", "instructor");
  people.ta = await account("Ta", "student");
  people.otherInstructor = await account("Other", "instructor");
  people.otherTa = await account("OtherTa", "student");
  otherCourseId = (await createCourse(db, people.otherInstructor, { title: "Someone else's course" })).id;
  await addStaff(db, people.otherInstructor, otherCourseId, { email: people.otherTa.email, role: "ta" });
  itemId = (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId }, orderBy: { position: "asc" } })).id;
  variantId = (await openItem(db, people.student, itemId)).id;
  await submitAnswers(db, people.student, variantId, { "steps[0].loss": [["1"]] }, "staff-test-alice-1");
  jobId = (await db.job.create({ data: { kind: "regrade", courseId, payloadJson: "{}", createdById: teacher.id, total: 10, done: 10, status: "done" } })).id;
});
afterAll(async () => {
  // The roster import started this process's job runner (lib/run/app.ts).
  await (await import("../lib/run/app")).stopJobRunner();
  await db.$disconnect();
});

describe("adding and removing course staff", () => {
  it("an instructor adds a co-instructor and a TA by email, in any letter case, and the audit log records it", async () => {
    await addStaff(db, people.owner, courseId, { email: " CO@Staff.Test ", role: "instructor" });
    const ta = await addStaff(db, people.coInstructor, courseId, { email: people.ta.email, role: "ta" });
    expect(ta).toMatchObject({ userId: people.ta.id, role: "ta", owner: false });
    expect(await courseAccess(db, people.coInstructor, courseId)).toBe("instructor");
    expect(await courseAccess(db, people.ta, courseId)).toBe("ta");
    expect(await courseAccess(db, people.student, courseId)).toBeNull();
    expect(await courseAccess(db, people.otherTa, courseId)).toBeNull();
    expect((await courseStaff(db, people.ta, courseId)).map((m) => [m.email, m.role, m.owner])).toEqual([
      ["teacher@handprop.test", "instructor", true],
      ["co@staff.test", "instructor", false],
      ["ta@staff.test", "ta", false],
    ]);
    const log = await db.auditEvent.findMany({ where: { courseId, action: "staff.add" }, orderBy: { createdAt: "asc" } });
    expect(log.map((e) => [e.actorId, JSON.parse(e.detailJson).email, JSON.parse(e.detailJson).role])).toEqual([
      [people.owner.id, "co@staff.test", "instructor"],
      [people.coInstructor.id, "ta@staff.test", "ta"],
    ]);
  });

  it("refuses an unknown email, a student of the course, a bad role, and any change to the owner", async () => {
    const before = await db.membership.count();
    expect(await code(addStaff(db, people.owner, courseId, { email: "nobody@staff.test", role: "ta" }))).toBe("NOT_FOUND");
    expect(await code(addStaff(db, people.owner, courseId, { email: "not an email", role: "ta" }))).toBe("INVALID_INPUT");
    expect(await code(addStaff(db, people.owner, courseId, { email: people.otherTa.email, role: "admin" }))).toBe("INVALID_INPUT");
    expect(await code(addStaff(db, people.owner, courseId, { email: people.student.email, role: "ta" }))).toBe("CONFLICT");
    // The owner cannot be demoted to TA or taken off the staff, even by a co-instructor.
    expect(await code(addStaff(db, people.coInstructor, courseId, { email: people.owner.email, role: "ta" }))).toBe("CONFLICT");
    expect(await code(removeStaff(db, people.coInstructor, courseId, people.owner.id))).toBe("CONFLICT");
    expect(await code(removeStaff(db, people.owner, courseId, people.student.id))).toBe("NOT_FOUND");
    expect(await db.membership.count()).toBe(before);
    expect(await courseAccess(db, people.owner, courseId)).toBe("instructor");
  });

  it("a TA cannot add or remove staff; strangers cannot even tell the course exists", async () => {
    expect(await code(addStaff(db, people.ta, courseId, { email: people.otherTa.email, role: "instructor" }))).toBe("FORBIDDEN");
    expect(await code(removeStaff(db, people.ta, courseId, people.coInstructor.id))).toBe("FORBIDDEN");
    expect(await code(addStaff(db, people.student, courseId, { email: people.student.email, role: "instructor" }))).toBe("FORBIDDEN");
    expect(await code(addStaff(db, people.otherInstructor, courseId, { email: people.otherInstructor.email, role: "instructor" }))).toBe("NOT_FOUND");
    expect(await code(courseStaff(db, people.otherTa, courseId))).toBe("NOT_FOUND");
    expect(await courseAccess(db, people.otherTa, courseId)).toBeNull();
    expect(await courseAccess(db, people.coInstructor, courseId)).toBe("instructor");
  });

  it("changes a role by adding again, and removing takes the access away (joining later makes a student, not a TA)", async () => {
    const extra = await account("Extra", "student");
    await addStaff(db, people.owner, courseId, { email: extra.email, role: "ta" });
    await addStaff(db, people.owner, courseId, { email: extra.email, role: "instructor" });
    expect(await courseAccess(db, extra, courseId)).toBe("instructor");
    await removeStaff(db, people.owner, courseId, extra.id);
    expect(await courseAccess(db, extra, courseId)).toBeNull();
    expect(await code(removeStaff(db, people.owner, courseId, extra.id))).toBe("NOT_FOUND");
    await joinCourse(db, extra, "DEMO2026");
    expect(await courseAccess(db, extra, courseId)).toBeNull();
    expect((await db.membership.findUniqueOrThrow({ where: { userId_courseId: { userId: extra.id, courseId } } })).role).toBe("student");
    const log = await db.auditEvent.findMany({ where: { courseId, detailJson: { contains: extra.id } }, orderBy: { createdAt: "asc" } });
    expect(log.map((e) => e.action)).toEqual(["staff.add", "staff.add", "staff.remove"]);
    expect(JSON.parse(log[1].detailJson)).toMatchObject({ role: "instructor", before: "ta" });
  });

  it("a TA's dashboard-side list names the courses they assist, and the staff see a student's exact values", async () => {
    expect((await coursesStaffedBy(db, people.ta)).map((c) => [c.id, c.access])).toEqual([[courseId, "ta"]]);
    expect((await coursesStaffedBy(db, people.coInstructor)).map((c) => [c.id, c.access])).toEqual([[courseId, "instructor"]]);
    const v = await db.variant.findUniqueOrThrow({ where: { id: variantId }, include: { item: { include: { problemSet: true } } } });
    expect(await mayReveal(db, people.ta, v)).toBe(true);
    expect(await mayReveal(db, people.otherTa, v)).toBe(false);
    expect(await mayReveal(db, people.otherInstructor, v)).toBe(false);
  });
});

// ---- Every door, as every role ----

type Outcome = "allowed" | "forbidden" | 403 | 404 | "signin" | 401;
/** Runs a page loader or a form post as `who`: what the browser would get (tests/form-answer.ts). */
async function as<T>(who: Role, run: () => Promise<T>): Promise<Answer<unknown>> {
  request.actor = who === "nobody" ? null : people[who];
  return answerOf(run);
}

/** What an answer means: done, back with "forbidden" (a TA), the 404 page, or the sign-in page. */
function outcomeOf(a: Answer<unknown>): Outcome | string {
  if ("status" in a) return a.status === 404 ? 404 : `status ${a.status}`;
  if ("done" in a) return "allowed";
  if (a.redirect.startsWith("/signin?")) return "signin";
  const error = new URL(a.redirect, "http://x").searchParams.get("error");
  if (error === "errors:staffOnlyInstructors") return "forbidden";
  return error ? `refused: ${error}` : "allowed";
}

/** The expected outcome per role: staff allowed, strangers 404, nobody to sign in; `ta` and `student` as given. */
const expecting = (ta: Outcome, student: Outcome = 404, coInstructor: Outcome = "allowed"): Record<Role, Outcome> => ({
  owner: "allowed",
  coInstructor,
  ta,
  student,
  otherInstructor: 404,
  otherTa: 404,
  nobody: "signin",
});
const WRITE = expecting("forbidden");
const READ = expecting("allowed");

const form = (fields: Record<string, string> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

/** What no refused attempt may change: the course's sets and rules, its memberships, its audit log, its jobs, Alice's password. */
async function courseState() {
  const [sets, members, audits, jobs, alice] = await Promise.all([
    db.problemSet.findMany({ where: { courseId }, select: { id: true, attemptsAllowed: true, dueAt: true, carriedCredit: true }, orderBy: { id: "asc" } }),
    db.membership.findMany({ where: { courseId }, select: { userId: true, role: true, removedAt: true }, orderBy: { userId: "asc" } }),
    db.auditEvent.count({ where: { courseId } }),
    db.job.count({ where: { courseId } }),
    db.user.findUniqueOrThrow({ where: { id: people.student.id }, select: { passwordHash: true, sessionVersion: true } }),
  ]);
  return { sets, members, audits, jobs, alice };
}

const TINY = JSON.stringify({ id: "tiny-staff", title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });

/** Each instructor-side form post, with fields that succeed for an instructor (`who` keeps them apart). */
function writes(): Record<string, { expect: Record<Role, Outcome>; post: (who: Role) => Promise<unknown> }> {
  const rules = { attemptsAllowed: "3", revealPolicy: "after_last_attempt_or_due", carriedCredit: "1", latePolicy: "refuse", latePenalty: "0" };
  return {
    importCsvAction: { expect: WRITE, post: (who) => teach.importCsvAction(courseId, form({ csv: `New ${who},new-${who.toLowerCase()}@staff.test` })) },
    removeStudentAction: { expect: WRITE, post: async (who) => teach.removeStudentAction(courseId, form({ userId: await dropout(who) })) },
    resetPasswordAction: { expect: WRITE, post: async (who) => teach.resetPasswordAction(courseId, form({ userId: await dropout(who) })) },
    reissuePasswordsAction: { expect: WRITE, post: async (who) => teach.reissuePasswordsAction(courseId, form({ which: "selected", confirm: "yes", userIds: await dropout(who) })) },
    newSetAction: { expect: WRITE, post: (who) => teach.newSetAction(courseId, form({ title: `Set by ${who}`, templateIds: "lecture-2-3-3-2-random", ...rules })) },
    useTemplateAction: { expect: WRITE, post: (who) => teach.useTemplateAction(courseId, form({ templateJson: TINY, setTitle: `Built by ${who}`, attemptsAllowed: "2" })) },
    saveRulesAction: { expect: WRITE, post: () => teach.saveRulesAction(setId, form({ ...rules, attemptsAllowed: "4" })) },
    addStaffAction: { expect: WRITE, post: async (who) => staffActions.addStaffAction(courseId, form({ email: (await spare(who)).email, role: "ta" })) },
    removeStaffAction: { expect: WRITE, post: async (who) => staffActions.removeStaffAction(courseId, form({ userId: await staffToRemove(who) })) },
  };
}

/** For an instructor, a student of their own to remove; for anyone else, Alice (who must stay). */
async function dropout(who: Role): Promise<string> {
  if (who !== "owner" && who !== "coInstructor") return people.student.id;
  const u = await account(`Drop${who}${Math.random().toString(36).slice(2, 8)}`, "student");
  await db.membership.create({ data: { userId: u.id, courseId, role: "student" } });
  return u.id;
}

/** An account nobody has made staff yet. */
const spare = (who: Role) => account(`Spare${who}${Math.random().toString(36).slice(2, 8)}`, "student");

/** For an instructor, a TA of their own to remove; for anyone else, the course's TA (who must stay). */
async function staffToRemove(who: Role): Promise<string> {
  if (who !== "owner" && who !== "coInstructor") return people.ta.id;
  const u = await spare(who);
  await addStaff(db, people.owner, courseId, { email: u.email, role: "ta" });
  return u.id;
}

describe("every instructor-side form post, as every role", () => {
  it("the table covers every action the teaching pages export", () => {
    expect([...Object.keys(teach), ...Object.keys(staffActions)].filter((k) => k !== "createCourseAction").sort()).toEqual(Object.keys(writes()).sort());
  });

  for (const [name, door] of Object.entries(writes())) {
    it(`${name}: instructors change the course; a TA is sent back with "forbidden"; others get the 404 or sign-in page, and nothing changes`, async () => {
      for (const who of ROLES) {
        const before = await courseState();
        const outcome = outcomeOf(await as(who, () => door.post(who)));
        expect([name, who, outcome]).toEqual([name, who, door.expect[who]]);
        if (door.expect[who] !== "allowed") expect(await courseState()).toEqual(before);
      }
    }, 30_000);
  }

  it("createCourseAction: only accounts whose global role is instructor create courses (a TA account cannot)", async () => {
    const expected: Record<Role, Outcome> = { owner: "allowed", coInstructor: "allowed", ta: 404, student: 404, otherInstructor: "allowed", otherTa: 404, nobody: "signin" };
    for (const who of ROLES) expect([who, outcomeOf(await as(who, () => teach.createCourseAction(form({ title: `Course of ${who}` }))))]).toEqual([who, expected[who]]);
  });

  it("a TA's refusal is worded in their language on the page it returns to", () => {
    expect(translator("en")("errors.staffOnlyInstructors")).toMatch(/instructors/);
    expect(translator("ja")("errors.staffOnlyInstructors")).toMatch(/教員/);
  });
});

/** Every React element of a page's returned tree (pages are called, not rendered: nested components stay unrun). */
function elements(tree: unknown): { type: unknown; props: Record<string, unknown> }[] {
  if (Array.isArray(tree)) return tree.flatMap(elements);
  if (!tree || typeof tree !== "object" || !("props" in tree)) return [];
  const el = tree as { type: unknown; props: Record<string, unknown> };
  return [el, ...elements(el.props.children)];
}
/** The forms that post (a search form reads with GET and changes nothing). */
const forms = (a: Answer<unknown>) => ("done" in a ? elements(a.done).filter((e) => e.type === "form" && (e.props as { method?: string }).method !== "get").length : -1);
const noQuery = Promise.resolve({});

describe("every instructor-side page, as every role", () => {
  const pages: Record<string, { expect: Record<Role, Outcome>; load: () => Promise<unknown> }> = {
    course: { expect: READ, load: () => CoursePage({ params: Promise.resolve({ courseId }), searchParams: noQuery }) },
    set: { expect: READ, load: () => SetPage({ params: Promise.resolve({ setId }), searchParams: noQuery }) },
    submission: { expect: READ, load: () => VariantPage({ params: Promise.resolve({ variantId }) }) },
    builder: { expect: expecting(404), load: () => BuilderPage({ params: Promise.resolve({ courseId }), searchParams: Promise.resolve({}) }) },
  };
  for (const [name, page] of Object.entries(pages)) {
    it(`the ${name} page: ${Object.entries(page.expect).map(([who, o]) => `${who} ${o}`).join(", ")}`, async () => {
      for (const who of ROLES) expect([name, who, outcomeOf(await as(who, page.load))]).toEqual([name, who, page.expect[who]]);
    });
  }

  it("a TA's course and set pages have no form that changes anything; an instructor's have them", async () => {
    const course = () => CoursePage({ params: Promise.resolve({ courseId }), searchParams: noQuery });
    const set = () => SetPage({ params: Promise.resolve({ setId }), searchParams: noQuery });
    expect(forms(await as("ta", course))).toBe(0);
    expect(forms(await as("owner", course))).toBeGreaterThan(2);
    expect(forms(await as("ta", set))).toBe(0);
    expect(forms(await as("coInstructor", set))).toBe(1);
    const readOnly = (a: Answer<unknown>) => ("done" in a ? elements(a.done).some((e) => e.props["data-testid"] === "rules-read-only") : false);
    expect(readOnly(await as("ta", set))).toBe(true);
    expect(readOnly(await as("owner", set))).toBe(false);
  });

  it("the staff section: instructors get the add form and remove buttons, a TA the list only", async () => {
    const t = translator("en");
    const section = async (who: "owner" | "ta") => elements(await CourseStaff({ courseId, actor: people[who], access: who === "owner" ? "instructor" : "ta", t }));
    const named = (els: { type: unknown }[], name: string) => els.some((e) => typeof e.type === "function" && e.type.name === name);
    expect(named(await section("owner"), "AddStaffForm")).toBe(true);
    expect(named(await section("ta"), "AddStaffForm")).toBe(false);
    const rows = (await section("ta")).filter((e) => typeof e.type === "function" && e.type.name === "StaffRow");
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.every((r) => r.props.manages === false)).toBe(true);
  });

  it("/teach lists the courses one teaches or assists, and no one else's; a student without any gets the 404 page", async () => {
    const titles = async (who: Role) => {
      const a = await as(who, () => TeachPage({ searchParams: noQuery }));
      if (!("done" in a)) return outcomeOf(a);
      return elements(a.done).filter((e) => e.type === "li").length;
    };
    expect(await titles("ta")).toBe(1);
    expect(await titles("otherTa")).toBe(1);
    expect(await titles("student")).toBe(404);
    expect(await titles("nobody")).toBe("signin");
    const ta = await as("ta", () => TeachPage({ searchParams: noQuery }));
    expect(forms(ta)).toBe(0);
    expect(forms(await as("owner", () => TeachPage({ searchParams: noQuery })))).toBe(1);
  });
});

/** A route called as Next calls it, with the session cookie `who`'s browser would send. */
async function call<P extends Record<string, string>>(handler: (req: NextRequest, ctx: { params: Promise<P> }) => Promise<Response>, who: Role, params: P, init: { method?: string; body?: unknown } = {}): Promise<number> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (who !== "nobody") headers.cookie = `next-auth.session-token=${await encode({ token: { sub: people[who].id }, secret: sessionSecret(), maxAge: 3600 })}`;
  const req = new NextRequest("http://localhost/x", { method: init.method ?? "GET", headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  return (await handler(req, { params: Promise.resolve(params) })).status;
}

describe("every route that reads course data, as every role", () => {
  const READ_ROUTE: Record<Role, number> = { owner: 200, coInstructor: 200, ta: 200, student: 403, otherInstructor: 404, otherTa: 404, nobody: 401 };
  const routes: Record<string, (who: Role) => Promise<number>> = {
    "GET /teach/courses/:id/grades.csv": (who) => call(gradesRoute.GET, who, { courseId }),
    "GET /teach/items/:id/template.json": (who) => call(templateRoute.GET, who, { itemId }),
    "GET /api/jobs/:id": (who) => call(jobRoute.GET, who, { id: jobId }),
  };
  for (const [name, route] of Object.entries(routes)) {
    it(`${name}: the course's staff 200, its student 403, strangers 404, nobody 401`, async () => {
      for (const who of ROLES) expect([name, who, await route(who)]).toEqual([name, who, READ_ROUTE[who]]);
    });
  }

  it("GET /teach/courses/:id/initial-passwords (one-time secrets): instructors only; a TA and the course's student 403, strangers 404", async () => {
    // No sheet was made in these sessions: an instructor hears it is gone (410), never someone else's passwords.
    const expected: Record<Role, number> = { owner: 410, coInstructor: 410, ta: 403, student: 403, otherInstructor: 404, otherTa: 404, nobody: 401 };
    for (const who of ROLES) expect([who, await call(passwordsRoute.GET, who, { courseId })]).toEqual([who, expected[who]]);
  });

  it("a student's own draft and submissions stay theirs: the staff too get 404 there", async () => {
    const submissionsBefore = await db.submission.count();
    const draftBefore = await db.draft.findUnique({ where: { variantId } });
    for (const who of ROLES.filter((r) => r !== "student")) {
      const expected = who === "nobody" ? 401 : 404;
      expect([who, await call(draftRoute.PUT, who, { id: variantId }, { method: "PUT", body: { answers: { "steps[0].loss": [["2"]] } } })]).toEqual([who, expected]);
      expect([who, await call(submitRoute.POST, who, { id: variantId }, { method: "POST", body: { answers: { "steps[0].loss": [["2"]] }, idempotencyKey: `staff-intruder-${who}` } })]).toEqual([who, expected]);
    }
    expect(await db.submission.count()).toBe(submissionsBefore);
    expect(await db.draft.findUnique({ where: { variantId } })).toEqual(draftBefore);
  });
});
