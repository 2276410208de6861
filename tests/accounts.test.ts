// Accounts an instructor runs alone: the one-time passwords of an import (and of resets) download
// as ONE CSV, once, for the session that made them; an instructor resets a student's password
// (their sessions end, the reset is audited, never the password); a student signs in with a
// one-time password, whose cheap hash is replaced at sign-in, and changes it. Each door is tried
// as the wrong people: nobody, a student, another course's instructor, another session.
import iconv from "iconv-lite";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../lib/auth/session";
import { freshDbUrl, useForApp } from "./db-file";
import { answerOf, type Answer } from "./form-answer";
import { japanesePeople, rosterCsv } from "./roster-fixture";
import { errorCode } from "./helpers";

// The request the server actions run in: who is signed in, their language.
const request = vi.hoisted(() => ({ actor: null as Actor | null, locale: "en" }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: (name: string) => (name === "locale" ? { name, value: request.locale } : undefined), getAll: () => [], has: (name: string) => name === "locale" }),
  headers: async () => new Headers({ "accept-language": request.locale, "x-forwarded-for": "192.0.2.77" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("../app/_lib/session.server", async (original) => ({ ...(await original<typeof import("../app/_lib/session.server")>()), currentActor: async () => request.actor }));

useForApp(await freshDbUrl("accounts"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { seedDemo, DEMO_PASSWORD } = await import("../lib/course/demo");
const { createCourse } = await import("../lib/teach/courses");
const { takeOnce } = await import("../lib/auth/once");
const { paramsOf, verifyPassword, OWASP_SCRYPT } = await import("../lib/auth/password");
const { authOptions } = await import("../app/_lib/auth-options.server");
const { passwordResetTopic } = await import("../lib/teach/roster-passwords");
const teach = await import("../app/teach/actions");
const { changePasswordAction } = await import("../app/account/actions");
const download = await import("../app/teach/courses/[courseId]/initial-passwords/route");

let courseId = "";
let otherCourseId = "";
const people: Record<string, Actor> = {};

beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  for (const name of ["teacher", "alice", "bob"]) {
    const u = await db.user.findUniqueOrThrow({ where: { email: `${name}@handprop.test` } });
    people[name] = { id: u.id, email: u.email, name: u.name, role: u.role === "instructor" ? "instructor" : "student", locale: u.locale, sessionId: `${name}-session` };
  }
  const other = await db.user.create({ data: { email: "other@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } });
  people.other = { id: other.id, email: other.email, name: other.name, role: "instructor", locale: "en", sessionId: "other-session" };
  otherCourseId = (await createCourse(db, people.other, { title: "Other course" })).id;
});
afterAll(async () => {
  await (await import("../lib/run/app")).stopJobRunner();
  await db.$disconnect();
});

/** A form post as `who`: its redirect, its error page, or done (tests/form-answer.ts). */
async function post<A extends unknown[]>(who: string | null, action: (...args: A) => Promise<unknown>, ...args: A): Promise<Answer> {
  request.actor = who ? people[who] : null;
  return answerOf(async () => (await action(...args), true as const));
}

const form = (fields: Record<string, string | string[] | Blob>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  return f;
};

/** GET of the download as `who` (a browser of theirs: its session cookie, with the session's id), in `locale`. */
async function fetchSheet(who: string | null, course: string, { session, locale = "en", site, sv }: { session?: string; locale?: string; site?: string; sv?: number } = {}): Promise<Response> {
  const cookies = [`locale=${locale}`];
  if (who) {
    const u = await db.user.findUniqueOrThrow({ where: { id: people[who].id } });
    const token = await encode({ token: { sub: u.id, sv: sv ?? u.sessionVersion, sid: session ?? people[who].sessionId }, secret: sessionSecret(), maxAge: 3600 });
    cookies.push(`next-auth.session-token=${token}`);
  }
  const headers: Record<string, string> = { cookie: cookies.join("; "), ...(site ? { "sec-fetch-site": site } : {}) };
  return download.GET(new NextRequest(`http://localhost/teach/courses/${course}/initial-passwords`, { headers }), { params: Promise.resolve({ courseId: course }) });
}

/** The CSV's rows after its header, as cells (no quoting is needed for these names and passwords). */
const rowsOf = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .split("\r\n")
    .filter(Boolean)
    .slice(1)
    .map((l) => l.split(","));

const authorize = (email: string, password: string) =>
  (authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null> } }).options.authorize(
    { email, password },
    { headers: { "x-forwarded-for": "198.51.100.23" } },
  );

describe("the initial passwords of an import", () => {
  const people3 = japanesePeople(3, "sheet");

  it("download as one CSV for Excel, once, to the importing session only", async () => {
    const file = new File([new Uint8Array(iconv.encode(rosterCsv(people3), "cp932"))], "roster.csv", { type: "text/csv" });
    expect(await post("teacher", teach.importCsvAction, courseId, form({ file }))).toEqual({ done: true });

    // Refused without spending it: nobody, a student, another course's instructor, another session, a cross-site link.
    expect((await fetchSheet(null, courseId)).status).toBe(401);
    expect([403, 404]).toContain((await fetchSheet("alice", courseId)).status);
    expect((await fetchSheet("other", courseId)).status).toBe(404);
    expect((await fetchSheet("other", otherCourseId)).status).toBe(410);
    expect((await fetchSheet("teacher", courseId, { session: "another-browser" })).status).toBe(410);
    expect((await fetchSheet("teacher", courseId, { site: "cross-site" })).status).toBe(403);

    const res = await fetchSheet("teacher", courseId, { site: "same-origin" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="passwords-[\w-]+\.csv"$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const rows = rowsOf(csv);
    expect(rows.map(([name, email]) => [name, email])).toEqual(people3.map((p) => [p.name, p.email]));
    for (const [, email, password] of rows) {
      expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{17}$/);
      const u = await db.user.findUniqueOrThrow({ where: { email } });
      expect(await verifyPassword(password, u.passwordHash)).toBe(true);
    }

    // Once: the second download says, in the reader's language, that it is gone.
    const again = await fetchSheet("teacher", courseId, { locale: "ja" });
    expect(again.status).toBe(410);
    expect(again.headers.get("cache-control")).toBe("no-store");
    expect(await again.text()).toContain("ダウンロード");
    expect(await db.oneTimeMessage.count({ where: { topic: { startsWith: "password-sheet:" } } })).toBe(0);
  });
});

describe("a roster file in neither UTF-8 nor Shift_JIS", () => {
  it("goes back to the course page with a message saying how to save it as CSV UTF-8, and adds nobody", async () => {
    const { formErrorText } = await import("../app/_lib/form");
    const { translator } = await import("../lib/i18n");
    const before = await db.user.count();
    const file = new File([new Uint8Array([0x41, 0x2c, 0x85, 0x40, 0x0d, 0x0a])], "roster.csv", { type: "text/csv" });
    const answer = await post("teacher", teach.importCsvAction, courseId, form({ file }));
    const q = new URL("redirect" in answer ? answer.redirect : "/", "http://x").searchParams;
    expect(q.get("error")).toBe("errors:csvEncoding");
    expect(formErrorText(translator("ja"), q.get("error"))).toContain("CSV UTF-8");
    expect(formErrorText(translator("en"), q.get("error"))).toContain("CSV UTF-8");
    expect(await db.user.count()).toBe(before);
  });
});

describe("changing a password", () => {
  it("is refused to an account with no password (single sign-on, LMS), and to a 'new' password equal to the current one", async () => {
    const { changePassword } = await import("../lib/auth/account");
    const { NO_PASSWORD } = await import("../lib/auth/external");
    const lms = await db.user.create({ data: { email: "lms-only@lms.invalid", name: "LMS only", role: "student", passwordHash: NO_PASSWORD } });
    const quiet = { retryAfter: async () => 0, fail: async () => 0, succeed: async () => {} };
    const change = { current: "x".repeat(12), next: "y".repeat(12), confirm: "y".repeat(12) };
    expect(await errorCode(changePassword(db, lms.id, change, quiet as never, "127.0.0.1"))).toBe("FORBIDDEN");
    expect((await db.user.findUniqueOrThrow({ where: { id: lms.id } })).passwordHash).toBe(NO_PASSWORD);
    const same = { current: DEMO_PASSWORD, next: DEMO_PASSWORD, confirm: DEMO_PASSWORD };
    expect(await errorCode(changePassword(db, people.bob.id, same, quiet as never, "127.0.0.1"))).toBe("INVALID_INPUT");
  });
});

describe("an instructor re-issuing one-time passwords as one sheet", () => {
  it("asks for the confirmation, gives the ticked students new passwords on one sheet, or everyone still on a one-time password, and audits whom", async () => {
    const hashes = async () => new Map((await db.user.findMany({ select: { id: true, passwordHash: true } })).map((u) => [u.id, u.passwordHash]));
    const before = await hashes();
    const refused = await post("teacher", teach.reissuePasswordsAction, courseId, form({ which: "selected", userIds: [people.alice.id] }));
    expect("redirect" in refused && new URL(refused.redirect, "http://x").searchParams.get("error")).toBe("errors:confirmFirst");
    expect(await hashes()).toEqual(before);
    expect(await post("alice", teach.reissuePasswordsAction, courseId, form({ which: "unchanged", confirm: "yes" }))).toEqual({ status: 404 });

    // Ticked: alice (a student of the course) and bob (not in it: skipped without a word).
    const ticked = await post("teacher", teach.reissuePasswordsAction, courseId, form({ which: "selected", confirm: "yes", userIds: [people.alice.id, people.bob.id] }));
    expect("redirect" in ticked && ticked.redirect).toBe(`/teach/courses/${courseId}?reissued=1#roster`);
    const after = await hashes();
    expect(after.get(people.alice.id)).not.toBe(before.get(people.alice.id));
    expect(after.get(people.alice.id)).toMatch(/^scrypt-random\$/);
    expect(after.get(people.bob.id)).toBe(before.get(people.bob.id));
    const sheet = rowsOf(await (await fetchSheet("teacher", courseId)).text());
    expect(sheet.map((r) => r[1])).toEqual([people.alice.email]);
    expect((await authorize(people.alice.email, sheet[0][2]))?.id).toBe(people.alice.id);

    // Everyone still on a one-time password: alice now is; a student who chose their own is not.
    const chosen = await db.membership.findMany({ where: { courseId, role: "student", removedAt: null }, select: { user: { select: { id: true, passwordHash: true } } } });
    const stillOneTime = chosen.filter((m) => m.user.passwordHash.startsWith("scrypt-random$")).map((m) => m.user.id);
    const all = await post("teacher", teach.reissuePasswordsAction, courseId, form({ which: "unchanged", confirm: "yes" }));
    expect("redirect" in all && all.redirect).toBe(`/teach/courses/${courseId}?reissued=${stillOneTime.length}#roster`);
    const last = await hashes();
    for (const m of chosen) expect(last.get(m.user.id) !== after.get(m.user.id)).toBe(stillOneTime.includes(m.user.id));
    const audits = await db.auditEvent.findMany({ where: { action: "student.passwordsReissued" }, orderBy: { createdAt: "asc" } });
    expect(audits.map((a) => (JSON.parse(a.detailJson) as { userIds: string[] }).userIds)).toEqual([[people.alice.id], stillOneTime]);
    expect(audits.every((a) => !a.detailJson.includes(sheet[0][2]))).toBe(true);
    // One sheet for the whole batch.
    expect(rowsOf(await (await fetchSheet("teacher", courseId)).text())).toHaveLength(stillOneTime.length);
  });
});

describe("an instructor resetting a student's password", () => {
  it("is refused to another course's instructor, to a student, and for anyone not a current student of the course; nothing changes", async () => {
    const before = await db.user.findMany({ select: { id: true, passwordHash: true, sessionVersion: true }, orderBy: { id: "asc" } });
    expect(await post("other", teach.resetPasswordAction, courseId, form({ userId: people.alice.id }))).toEqual({ status: 404 });
    expect(await post("alice", teach.resetPasswordAction, courseId, form({ userId: people.alice.id }))).toEqual({ status: 404 });
    expect(await post(null, teach.resetPasswordAction, courseId, form({ userId: people.alice.id }))).toEqual({ redirect: expect.stringMatching(/^\/signin\?/) });
    const back = (a: Answer) => ("redirect" in a ? new URL(a.redirect, "http://x").searchParams.get("error") : a);
    // bob is not in the course; the teacher is its instructor, not a student; a bad id is no one.
    for (const userId of [people.bob.id, people.teacher.id, "../../x", ""]) {
      expect(back(await post("teacher", teach.resetPasswordAction, courseId, form({ userId })))).toBe("noStudent");
    }
    // Another course's instructor resetting a student of their own course cannot reach this one's students.
    expect(back(await post("other", teach.resetPasswordAction, otherCourseId, form({ userId: people.alice.id })))).toBe("noStudent");
    expect(await db.user.findMany({ select: { id: true, passwordHash: true, sessionVersion: true }, orderBy: { id: "asc" } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: "student.passwordReset" } })).toBe(0);
  });

  it("gives a new one-time password shown once, ends the student's sessions, audits it, and the student signs in with it and changes it", async () => {
    const alice = people.alice;
    const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: alice.id } });
    expect(await post("teacher", teach.resetPasswordAction, courseId, form({ userId: alice.id }))).toEqual({ done: true });

    const shown = await takeOnce<{ name: string; email: string; password: string }>(db, people.teacher, passwordResetTopic(courseId));
    expect(shown).toMatchObject({ name: alice.name, email: alice.email, password: expect.stringMatching(/^[A-HJ-NP-Za-km-z2-9]{17}$/) });
    expect(await takeOnce(db, people.teacher, passwordResetTopic(courseId))).toBeUndefined();
    const user = await db.user.findUniqueOrThrow({ where: { id: alice.id } });
    expect(user.sessionVersion).toBe(sessionVersion + 1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "student.passwordReset" } });
    expect(JSON.parse(audit.detailJson)).toEqual({ userId: alice.id });
    expect(audit.detailJson).not.toContain(shown!.password);
    expect((await fetchSheet("alice", courseId, { sv: sessionVersion })).status).toBe(401); // her old session has ended

    // Also on the session's download.
    const sheet = rowsOf(await (await fetchSheet("teacher", courseId)).text());
    expect(sheet).toEqual([[alice.name, alice.email, shown!.password]]);

    // The old password no longer opens the account; the new one does, and sign-in keeps its cheap
    // hash, marked as a random one-time password's (lib/auth/password.ts).
    expect(await authorize(alice.email, DEMO_PASSWORD)).toBeNull();
    const saved = process.env.HANDPROP_INSECURE_TEST_HASHING;
    delete process.env.HANDPROP_INSECURE_TEST_HASHING; // the app's own parameters for this step
    try {
      expect(user.passwordHash).toMatch(/^scrypt-random\$/);
      expect(paramsOf(user.passwordHash)?.N).toBeLessThan(OWASP_SCRYPT.N);
      expect((await authorize(alice.email, shown!.password))?.id).toBe(alice.id);
      expect((await db.user.findUniqueOrThrow({ where: { id: alice.id } })).passwordHash).toBe(user.passwordHash);
    } finally {
      process.env.HANDPROP_INSECURE_TEST_HASHING = saved;
    }

    // The student then chooses her own password on the account page.
    const change = form({ current: shown!.password, next: "alice-chose-this-one", confirm: "alice-chose-this-one" });
    expect(await post("alice", changePasswordAction, change)).toEqual({ redirect: "/signin?notice=passwordChanged" });
    expect((await authorize(alice.email, "alice-chose-this-one"))?.id).toBe(alice.id);
    expect(await authorize(alice.email, shown!.password)).toBeNull();
    // A chosen password's hash is an ordinary one, which sign-in would upgrade if it were weak.
    expect((await db.user.findUniqueOrThrow({ where: { id: alice.id } })).passwordHash).toMatch(/^scrypt\$/);
  });
});

/** A session token as next-auth issues it after `authorize` (its jwt callback, then encode), and the actor it makes. */
async function sessionOf(user: { id: string; sessionVersion?: number; oneTime?: boolean }) {
  const jwt = authOptions.callbacks!.jwt as (p: { token: Record<string, unknown>; user: typeof user }) => Promise<Record<string, unknown>> | Record<string, unknown>;
  const claims = await jwt({ token: {}, user });
  const { actorOfClaims } = await import("../lib/auth/session");
  return { claims, actor: await actorOfClaims(db, claims), cookie: `next-auth.session-token=${await encode({ token: claims, secret: sessionSecret(), maxAge: 3600 })}` };
}

/** The account page as `actor` sees it: the password form's element (and whether it asks for a first password), or none. */
async function accountPage(actor: Actor | null, error?: string) {
  const Account = (await import("../app/account/page")).default;
  request.actor = actor;
  const answer = await answerOf(() => Account({ searchParams: Promise.resolve(error ? { error } : {}) }));
  if (!("done" in answer)) return answer;
  const children = (answer.done as { props: { children: unknown[] } }).props.children.flat();
  const form = children.find((c) => (c as { props?: { oneTime?: unknown } })?.props?.oneTime !== undefined) as { props: { oneTime: boolean } } | undefined;
  const noPassword = children.some((c) => (c as { props?: Record<string, unknown> })?.props?.["data-testid"] === "no-password");
  return { form: form ? { oneTime: form.props.oneTime } : null, noPassword };
}

describe("a first sign-in with a one-time password", () => {
  it("opens only Account until the student chooses their own password; then everything, and the one-time password no longer signs in", async () => {
    const { joinAction } = await import("../app/dashboard/actions");
    const { requireActor } = await import("../app/_lib/guard");
    const preview = await import("../app/api/preview/route");
    const [person] = japanesePeople(1, "first");
    const file = new File([rosterCsv([person])], "roster.csv", { type: "text/csv" });
    expect(await post("teacher", teach.importCsvAction, courseId, form({ file }))).toEqual({ done: true });
    const [[, email, initial]] = rowsOf(await (await fetchSheet("teacher", courseId)).text());

    // Signed in with the sheet's password: the session says so.
    const signedIn = (await authorize(email, initial)) as { id: string; sessionVersion: number; oneTime?: boolean };
    expect(signedIn).toMatchObject({ oneTime: true });
    const first = await sessionOf(signedIn);
    expect(first.claims.otp).toBe(true);
    expect(first.actor).toMatchObject({ email, password: "oneTime", mustChoosePassword: true });
    const student = first.actor!;

    // Every page and form post but Account's sends the browser to Account...
    request.actor = student;
    for (const page of ["/dashboard", "/practice", "/work/abc", "/teach"]) expect(await answerOf(() => requireActor(page))).toEqual({ redirect: "/account?first=1" });
    expect(await post(null, async () => ((request.actor = student), joinAction(form({ code: "DEMO2026" }))))).toEqual({ redirect: "/account?first=1" });
    expect(await db.membership.count({ where: { userId: student.id } })).toBe(1); // the import's, no other joined
    // ...every API route answers 403 saying why...
    const refused = await preview.POST(new NextRequest("http://localhost/api/preview", { method: "POST", headers: { "content-type": "application/json", cookie: first.cookie }, body: JSON.stringify({ text: "1/2" }) }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "FORBIDDEN", message: "Choose your own password first (Account): you signed in with a one-time password." });
    // ...and Account asks for a password of their own.
    expect(await accountPage(student)).toEqual({ form: { oneTime: true }, noPassword: false });

    // The same account launched from an LMS never used that password: it is not asked.
    const { sessionToken } = await import("../app/_lib/session.server");
    const { decode } = await import("next-auth/jwt");
    const lti = await decode({ token: await sessionToken({ id: student.id, name: student.name, email, sessionVersion: signedIn.sessionVersion }, 3600), secret: sessionSecret() });
    const fromLms = await (await import("../lib/auth/session")).actorOfClaims(db, lti);
    expect(fromLms).toMatchObject({ id: student.id, mustChoosePassword: false });
    request.actor = fromLms;
    expect(await answerOf(() => requireActor("/dashboard"))).toEqual({ done: fromLms });
    expect(await accountPage(fromLms)).toEqual({ form: { oneTime: false }, noPassword: false });

    // Choosing one: the one-time password is refused as the "new" one; then the session ends, as every password change does.
    const same = await post(null, async () => ((request.actor = student), changePasswordAction(form({ current: initial, next: initial, confirm: initial }))));
    expect(same).toEqual({ redirect: "/account?error=errors%3AsamePassword" });
    const chosen = "my-own-password-at-last";
    const changed = await post(null, async () => ((request.actor = student), changePasswordAction(form({ current: initial, next: chosen, confirm: chosen }))));
    expect(changed).toEqual({ redirect: "/signin?notice=passwordChanged" });
    const { actorOfClaims } = await import("../lib/auth/session");
    expect(await actorOfClaims(db, first.claims)).toBeNull();

    // The one-time password no longer signs in; the chosen one does, to a session that opens everything.
    expect(await authorize(email, initial)).toBeNull();
    const again = (await authorize(email, chosen)) as { id: string; sessionVersion: number; oneTime?: boolean };
    expect(again).toMatchObject({ id: student.id, oneTime: false });
    const normal = await sessionOf(again);
    expect(normal.claims.otp).toBeUndefined();
    expect(normal.actor).toMatchObject({ password: "own", mustChoosePassword: false });
    request.actor = normal.actor;
    expect(await answerOf(() => requireActor("/dashboard"))).toEqual({ done: normal.actor });
    const served = await preview.POST(new NextRequest("http://localhost/api/preview", { method: "POST", headers: { "content-type": "application/json", cookie: normal.cookie }, body: JSON.stringify({ text: "1/2" }) }));
    expect(served.status).toBe(200);
    expect(await accountPage(normal.actor)).toEqual({ form: { oneTime: false }, noPassword: false });

    // An instructor's reset hands out a new one-time password: the next sign-in with it must choose again.
    const reset = await db.user.findUniqueOrThrow({ where: { id: student.id } });
    expect(await post("teacher", teach.resetPasswordAction, courseId, form({ userId: student.id }))).toEqual({ done: true });
    const shown = await takeOnce<{ password: string }>(db, people.teacher, passwordResetTopic(courseId));
    expect(await authorize(email, chosen)).toBeNull();
    const afterReset = (await authorize(email, shown!.password)) as { id: string; sessionVersion: number; oneTime?: boolean };
    expect(afterReset.sessionVersion).toBe(reset.sessionVersion + 1);
    expect((await sessionOf(afterReset)).actor).toMatchObject({ mustChoosePassword: true });
  });
});

describe("an account that signs in only through single sign-on or an LMS", () => {
  it("is offered no password form, and the change-password post is refused with a message saying why", async () => {
    const { NO_PASSWORD } = await import("../lib/auth/external");
    const { formErrorText } = await import("../app/_lib/form");
    const { translator } = await import("../lib/i18n");
    const { actorOfClaims } = await import("../lib/auth/session");
    const u = await db.user.create({ data: { email: "launched@lms.invalid", name: "Launched Only", role: "student", passwordHash: NO_PASSWORD } });
    const actor = (await actorOfClaims(db, { sub: u.id }))!;
    expect(actor.password).toBe("none");
    expect(await accountPage(actor)).toEqual({ form: null, noPassword: true });
    // Posted anyway (the form is not there, but anyone can post anything):
    const answer = await post(null, async () => ((request.actor = actor), changePasswordAction(form({ current: "whatever-it-is", next: "a-password-of-mine", confirm: "a-password-of-mine" }))));
    expect(answer).toEqual({ redirect: "/account?error=errors%3AnoPasswordAccount" });
    expect(formErrorText(translator("en"), "errors:noPasswordAccount")).toBe("This account signs in through single sign-on or an LMS and has no password to change.");
    expect(formErrorText(translator("ja"), "errors:noPasswordAccount")).toContain("シングルサインオン");
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toBe(NO_PASSWORD);
    // An account with a password of its own keeps its form.
    expect(await accountPage(people.bob)).toEqual({ form: { oneTime: false }, noPassword: false });
  });
});
