// Form posts (server actions) tried as an attacker would: missing, malformed or hostile fields,
// other people's ids, files where text is expected. Each answer must be a redirect back to the
// form's page with a code the page words in the reader's language, or the 404 page: never a
// thrown error (a 500) and never the error's own text. Also: pages show only messages they know,
// whatever a link's query string says, and the roster report travels per session in the database.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../lib/auth/session";
import { freshDbUrl, useForApp } from "./db-file";
import { answerOf, type Answer } from "./form-answer";

// The request the actions run in: who is signed in, their language, their address.
const request = vi.hoisted(() => ({ actor: null as Actor | null, locale: "en" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "locale" ? { name, value: request.locale } : undefined), getAll: () => [], has: (name: string) => name === "locale" }),
  headers: async () => new Headers({ "accept-language": request.locale, "x-forwarded-for": "192.0.2.10" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("../app/_lib/session.server", async (original) => ({ ...(await original<typeof import("../app/_lib/session.server")>()), currentActor: async () => request.actor }));

useForApp(await freshDbUrl("form-doors"));
const { prisma: db } = await import("../lib/db/client");
const { seedDemo, DEMO_PASSWORD, DEMO_JOIN_CODE } = await import("../lib/course/demo");
const teach = await import("../app/teach/actions");
const { startPracticeAction } = await import("../app/practice/actions");
const { joinAction } = await import("../app/dashboard/actions");
const { changePasswordAction } = await import("../app/account/actions");
const { formErrorText, FORM_ERRORS } = await import("../app/_lib/form");
const { FormRefusal, takeTyped } = await import("../app/_components/form-refusal");
const { typedOf } = await import("../app/_lib/form-action");
const { translator } = await import("../lib/i18n");
const { takeOnce, csvReportTopic } = await import("../lib/auth/once");
const { createCourse } = await import("../lib/teach/courses");
const SignInPage = (await import("../app/signin/page")).default;
const { SignInForm } = await import("../app/signin/signin-form");

let courseId = "";
let setId = "";
const people: Record<string, Actor> = {};

beforeAll(async () => {
  ({ courseId, problemSetId: setId } = await seedDemo(db));
  for (const name of ["teacher", "alice", "bob"]) {
    const u = await db.user.findUniqueOrThrow({ where: { email: `${name}@handprop.test` } });
    people[name] = { id: u.id, email: u.email, name: u.name, role: u.role === "instructor" ? "instructor" : "student", locale: u.locale, sessionId: `${name}-session` };
  }
  const other = await db.user.create({ data: { email: "other@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } });
  people.other = { id: other.id, email: other.email, name: other.name, role: "instructor", locale: "en", sessionId: "other-session" };
});
afterAll(async () => {
  // Importing a roster started this process's job runner (lib/run/app.ts).
  await (await import("../lib/run/app")).stopJobRunner();
  await db.$disconnect();
});

/** Posts a form as `who`: the redirect or error page it answers with, or done (tests/form-answer.ts). */
async function post<A extends unknown[]>(who: keyof typeof people | null, action: (...args: A) => Promise<unknown>, ...args: A): Promise<Answer> {
  request.actor = who ? people[who] : null;
  return answerOf(async () => (await action(...args), true as const));
}

const form = (fields: Record<string, string | string[] | Blob> = {}) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
};

const redirectOf = (a: Answer) => ("redirect" in a ? a.redirect : `not a redirect: ${JSON.stringify(a)}`);
/** The refusal's query, without the section it sends the page back to (?on=, asserted where it matters). */
const query = (a: Answer) => Object.fromEntries([...new URL(redirectOf(a), "http://x").searchParams].filter(([k]) => k !== "on"));

describe("instructor form posts with missing or bad fields", () => {
  it("a course without a title (or with a file, or 5,000 characters, as its title) goes back with a code", async () => {
    for (const title of [undefined, "", "   ", "x".repeat(5000), new Blob(["a file"])]) {
      const a = await post("teacher", teach.createCourseAction, form(title === undefined ? {} : { title }));
      expect(redirectOf(a)).toMatch(/^\/teach\?/);
      expect(query(a)).toMatchObject({ error: "invalid" });
    }
    expect(query(await post("teacher", teach.createCourseAction, form()))).toEqual({ error: "invalid", fields: "title" });
    expect(redirectOf(await post("teacher", teach.createCourseAction, form({ title: "A real course" })))).toMatch(/^\/teach\/courses\/\w+$/);
    // A refused course (a time zone that does not exist) comes back with what was typed.
    await takeTyped("/teach", people.teacher);
    expect(query(await post("teacher", teach.createCourseAction, form({ title: "逆伝播 2027", timeZone: "Mars/Olympus" })))).toMatchObject({ error: "errors:badTimeZone" });
    expect(await takeTyped("/teach", people.teacher)).toMatchObject({ title: ["逆伝播 2027"], timeZone: ["Mars/Olympus"] });
  });

  it("removing an unknown student, a missing one, or the instructor goes back with 'no such student'", async () => {
    for (const userId of [undefined, "", "no-such-user", people.teacher.id, people.bob.id, "../../etc", "x".repeat(500)]) {
      const a = await post("teacher", teach.removeStudentAction, courseId, form(userId === undefined ? {} : { userId }));
      expect(redirectOf(a)).toBe(`/teach/courses/${courseId}?error=noStudent`);
    }
  });

  it("another instructor's course, a made-up one, or a student asking: the 404 page", async () => {
    for (const id of ["made-up", "", "../x", 42 as unknown as string]) expect(await post("teacher", teach.removeStudentAction, id, form({ userId: people.alice.id }))).toEqual({ status: 404 });
    expect(await post("other", teach.removeStudentAction, courseId, form({ userId: people.alice.id }))).toEqual({ status: 404 });
    expect(await post("other", teach.importCsvAction, courseId, form({ csv: "Mallory,m@x.test" }))).toEqual({ status: 404 });
    expect(await post("alice", teach.newSetAction, courseId, form({ title: "x" }))).toEqual({ status: 404 });
    expect(await post("alice", teach.createCourseAction, form({ title: "x" }))).toEqual({ status: 404 });
    expect(redirectOf(await post(null, teach.createCourseAction, form({ title: "x" })))).toBe("/signin?callbackUrl=%2Fteach");
    expect(await db.membership.count({ where: { courseId, removedAt: { not: null } } })).toBe(0);
  });

  it("a problem set without a title, exercises or valid rules goes back naming the fields, in the reader's words", async () => {
    const base = { title: "Week 2", templateIds: "lecture-2-3-3-2-random", attemptsAllowed: "3", revealPolicy: "never", carriedCredit: "1", latePolicy: "refuse", latePenalty: "0" };
    expect(query(await post("teacher", teach.newSetAction, courseId, form({ ...base, title: "" })))).toEqual({ error: "invalid", fields: "title" });
    expect(query(await post("teacher", teach.newSetAction, courseId, form({ ...base, templateIds: [] })))).toEqual({ error: "errors:noExercise" });
    expect(query(await post("teacher", teach.newSetAction, courseId, form({ ...base, attemptsAllowed: "many", carriedCredit: "2" })))).toEqual({ error: "invalid", fields: "attemptsAllowed,carriedCredit" });
    expect(query(await post("teacher", teach.newSetAction, courseId, form({ ...base, revealPolicy: "<script>" })))).toEqual({ error: "invalid", fields: "revealPolicy" });
    expect(query(await post("teacher", teach.newSetAction, courseId, form({ ...base, templateIds: "no-such-template" })))).toMatchObject({ error: "invalid" });
    expect(query(await post("teacher", teach.newSetAction, courseId, form({ ...base, templateIds: [], templateJson: "{not json" })))).toEqual({ error: "badTemplate" });
    expect(query(await post("teacher", teach.newSetAction, courseId, form({ ...base, templateIds: Array.from({ length: 500 }, () => "x") })))).toMatchObject({ error: "invalid" });
    expect(await db.problemSet.count({ where: { courseId } })).toBe(1);
    expect(redirectOf(await post("teacher", teach.newSetAction, courseId, form(base)))).toMatch(/^\/teach\/sets\/\w+$/);
  });

  it("a refused new set comes back to its own section with what was typed, for this session only and once", async () => {
    const typed = { title: "Week 7 — 逆伝播", templateIds: ["lecture-2-3-3-2-random", "column-3-4-3-random"], attemptsAllowed: "many", revealPolicy: "after_due", carriedCredit: "0.5", latePolicy: "accept", latePenalty: "0.5", dueAt: "2027-01-15T23:59", status: "published" };
    const a = await post("teacher", teach.newSetAction, courseId, form(typed));
    const url = new URL(redirectOf(a), "http://x");
    expect(url.searchParams.get("on")).toBe("new-set");
    expect(url.hash).toBe("#new-set");
    const page = `/teach/courses/${courseId}`;
    expect(await takeTyped(page, { id: people.teacher.id, sessionId: "another" })).toBeUndefined();
    const kept = await takeTyped(page, people.teacher);
    expect(kept).toMatchObject({ title: [typed.title], templateIds: typed.templateIds, attemptsAllowed: ["many"], dueAt: ["2027-01-15T23:59"], status: ["published"] });
    expect(await takeTyped(page, people.teacher)).toBeUndefined();
  });

  it("never keeps a password or a file of a refused form", () => {
    const f = new FormData();
    f.set("title", "x");
    f.set("newPassword", "hunter2hunter2");
    f.set("file", new Blob(["a,b@c.de"]));
    expect(typedOf(f)).toEqual({ title: ["x"] });
  });

  it("a refused template's reasons are kept for this session only and shown once, in the reader's language", async () => {
    const template = JSON.stringify({ kind: "random", id: "x", title: "x", random: { sizes: [2, 2], activations: ["no-such-activation"], loss: "mse" } });
    request.locale = "ja";
    try {
      const a = await post("teacher", teach.newSetAction, courseId, form({ title: "x", templateJson: template, attemptsAllowed: "3", revealPolicy: "never", carriedCredit: "1" }));
      expect(query(a)).toEqual({ error: "badTemplate" });
      const page = `/teach/courses/${courseId}`;
      // Another session of the same instructor sees the code's message, not the details.
      const elsewhere = await FormRefusal({ error: "badTemplate", page, session: { id: people.teacher.id, sessionId: "another" } });
      expect(JSON.stringify(elsewhere)).not.toContain("<li");
      const shown = await FormRefusal({ error: "badTemplate", page, session: people.teacher });
      const text = JSON.stringify(shown);
      expect(text).toContain(translator("ja")("formError.badTemplate"));
      expect(text).toMatch(/random\.learning_rate/);
      const again = await FormRefusal({ error: "badTemplate", page, session: people.teacher });
      expect(JSON.stringify(again)).not.toMatch(/random\./);
    } finally {
      request.locale = "en";
    }
  });

  it("rules that cannot be read go back to the set's rules with the fields named", async () => {
    const a = await post("teacher", teach.saveRulesAction, setId, form({ attemptsAllowed: "0", revealPolicy: "never", carriedCredit: "x", latePolicy: "refuse", latePenalty: "0" }));
    expect(redirectOf(a)).toBe(`/teach/sets/${setId}?on=rules&error=invalid&fields=attemptsAllowed%2CcarriedCredit#rules`);
    // The form comes back as typed, once.
    expect(await takeTyped(`/teach/sets/${setId}`, people.teacher)).toMatchObject({ attemptsAllowed: ["0"], carriedCredit: ["x"], latePolicy: ["refuse"] });
    // Another course's instructor must not learn the set exists: the 404 page, as for a course (tests/staff.test.ts).
    expect(await post("other", teach.saveRulesAction, setId, form({}))).toEqual({ status: 404 });
  });

  it("the builder's 'use it' without a template or a title goes back with a code", async () => {
    expect(query(await post("teacher", teach.useTemplateAction, courseId, form({ setTitle: "x", attemptsAllowed: "3" })))).toEqual({ error: "errors:noExercise" });
    expect(query(await post("teacher", teach.useTemplateAction, courseId, form({ templateJson: "[]", setTitle: "x", attemptsAllowed: "3" })))).toEqual({ error: "badTemplate" });
    const template = JSON.stringify((await import("../lib/exercises/builtin")).builtinTemplate("lecture-2-3-3-2-random"));
    expect(query(await post("teacher", teach.useTemplateAction, courseId, form({ templateJson: template, setTitle: "", attemptsAllowed: "3" })))).toEqual({ error: "invalid", fields: "title" });
    // Used, it makes a draft: no student sees it before the instructor gives it a date and publishes it.
    const made = redirectOf(await post("teacher", teach.useTemplateAction, courseId, form({ templateJson: template, setTitle: "From the builder", attemptsAllowed: "3" })));
    const setId = made.split("/").pop()!;
    expect((await db.problemSet.findUniqueOrThrow({ where: { id: setId } })).status).toBe("draft");
  });

  it("a CSV over 200 KB, as text or as a file, goes back with a code and adds nobody", async () => {
    const big = "Name,n@x.test\n".repeat(20_000);
    for (const f of [form({ csv: big }), form({ file: new File([big], "big.csv", { type: "text/csv" }) })]) {
      expect(redirectOf(await post("teacher", teach.importCsvAction, courseId, f))).toBe(`/teach/courses/${courseId}?on=add-students&error=csvTooLarge&fields=csv#add-students`);
    }
    expect(await db.user.count({ where: { email: "n@x.test" } })).toBe(0);
  });
});

describe("the roster report with initial passwords", () => {
  it("is kept in the database for the importing session and shown once", async () => {
    const a = await post("teacher", teach.importCsvAction, courseId, form({ csv: "name,email\nNew Student,new.student@x.test\nbad row" }));
    expect(a).toEqual({ done: true });
    // No other session, not even the same instructor's, gets it; the importing one gets it once.
    expect(await takeOnce(db, { id: people.teacher.id, sessionId: "elsewhere" }, csvReportTopic(courseId))).toBeUndefined();
    const report = await takeOnce<{ added: { email: string; initialPassword?: string }[]; rejected: unknown[] }>(db, people.teacher, csvReportTopic(courseId));
    expect(report?.added).toEqual([expect.objectContaining({ email: "new.student@x.test", initialPassword: expect.any(String) })]);
    expect(report?.rejected).toHaveLength(1);
    expect(await takeOnce(db, people.teacher, csvReportTopic(courseId))).toBeUndefined();
  });
});

describe("student form posts with missing or bad fields", () => {
  it("practice without a template, or with an unknown one, goes back to the list", async () => {
    for (const f of [form(), form({ template: "" }), form({ template: "no-such" }), form({ template: new Blob(["x"]) })]) {
      expect(redirectOf(await post("alice", startPracticeAction, f))).toBe("/practice?error=noTemplate");
    }
    expect(redirectOf(await post("alice", startPracticeAction, form({ template: "lecture-2-3-3-2-random" })))).toMatch(/^\/work\/\w+$/);
  });

  it("joining with a wrong or missing code goes back with a code; the page is told the course by id, not by its title", async () => {
    for (const f of [form(), form({ code: "" }), form({ code: "NOPE" }), form({ code: "x".repeat(5000) })]) expect(redirectOf(await post("bob", joinAction, f))).toBe("/dashboard?error=badCode");
    const course = await db.course.findUniqueOrThrow({ where: { joinCode: DEMO_JOIN_CODE } });
    expect(redirectOf(await post("bob", joinAction, form({ code: DEMO_JOIN_CODE.toLowerCase() })))).toBe(`/dashboard?joined=${course.id}`);
  });

  it("a password change with a wrong current password, a mismatch or a short one goes back with a code; a right one ends the sessions", async () => {
    const change = (current: string, next: string, confirm = next) => post("alice", changePasswordAction, form({ current, next, confirm }));
    expect(redirectOf(await change("wrong", "long-enough-password"))).toBe("/account?error=wrongPassword");
    expect(redirectOf(await change(DEMO_PASSWORD, "long-enough-password", "another-password"))).toBe("/account?error=passwordMismatch");
    expect(redirectOf(await change(DEMO_PASSWORD, "short"))).toBe("/account?error=weakPassword");
    expect(redirectOf(await post("alice", changePasswordAction, form()))).toBe("/account?error=weakPassword");
    const before = (await db.user.findUniqueOrThrow({ where: { id: people.alice.id } })).sessionVersion;
    expect(redirectOf(await change(DEMO_PASSWORD, "long-enough-password"))).toBe("/signin?notice=passwordChanged");
    expect((await db.user.findUniqueOrThrow({ where: { id: people.alice.id } })).sessionVersion).toBe(before + 1);
  });
});

describe("messages from the query string", () => {
  const t = translator("en");

  it("are shown only for known codes, worded by the app, with only known field names", () => {
    for (const hostile of ["Your account is locked: call +1 555 0100", "<script>alert(1)</script>", "errors:../../x", "errors:", "toString", "__proto__", "constructor", ["invalid", "x"].join(",")]) {
      expect(formErrorText(t, hostile), hostile).toBeNull();
    }
    expect(formErrorText(t, "invalid", "title,Call us at evil.example,__proto__")).toBe(`${t("formError.invalid")} ${t("formError.check", { fields: t("teach.titleField") })}`);
    expect(formErrorText(translator("ko"), "noStudent")).toBe(translator("ko")("formError.noStudent"));
    expect(formErrorText(t, "errors:noExercise")).toBe(t("errors.noExercise"));
    for (const key of Object.values(FORM_ERRORS)) for (const l of ["en", "ja", "ko"] as const) expect(translator(l)(key), `${l} ${key}`).not.toBe(key);
  });

  it("on an instructor page: an unknown ?error= shows nothing at all", async () => {
    expect(await FormRefusal({ error: "Crafted text from a link" })).toBeNull();
    expect(await FormRefusal({ error: ["a", "b"] })).toBeNull();
  });

  it("on the sign-in page: only sign-in's own codes, and only a path of this site to go back to", async () => {
    const props = async (sp: Record<string, string>) => {
      const tree = (await SignInPage({ searchParams: Promise.resolve(sp) })) as { props: { children: unknown[] } };
      const form = tree.props.children.find((c) => (c as { type?: unknown })?.type === SignInForm) as { props: { callbackUrl: string; initialError?: string } };
      return { ...form.props, tree: JSON.stringify(tree.props.children.filter((c) => c !== form)) };
    };
    const hostile = await props({ callbackUrl: "/\\evil.example/phish", error: "Your password expired, enter it at evil.example", notice: "Crafted notice" });
    expect(hostile.callbackUrl).toBe("/dashboard");
    expect(hostile.initialError).toBeUndefined();
    expect(hostile.tree).not.toContain("Crafted");
    for (const callbackUrl of ["/%5Cevil.example", "/%09/evil.example", "//evil.example", "https://evil.example", "javascript:alert(1)"]) expect((await props({ callbackUrl })).callbackUrl).toBe("/dashboard");
    expect((await props({ callbackUrl: "/work/abc" })).callbackUrl).toBe("/work/abc");
    expect((await props({ error: "TooManyAttempts" })).initialError).toBe(t("signin.locked"));
    expect((await props({ notice: "passwordChanged" })).tree).toContain(t("signin.passwordChanged"));
  });
});

describe("a course created for the tests", () => {
  it("keeps its title out of the dashboard's query string", async () => {
    const c = await createCourse(db, people.teacher, { title: "Course <b>title</b>" });
    expect(redirectOf(await post("bob", joinAction, form({ code: c.joinCode })))).toBe(`/dashboard?joined=${c.id}`);
  });
});
