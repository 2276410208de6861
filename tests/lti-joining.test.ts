// An LMS course joined to the class that already exists in handprop (issue 21), against the
// platform of tests/lti-platform.ts: the instructor's LMS launch makes a link code that their own
// handprop account redeems (the LMS course then reaches their existing course, their LMS identity
// their own account); the LMS roster is matched to the CSV-imported students by student number or
// email and joined only where the instructor confirms and the match is clean; a joined student's
// launch opens their existing work; a platform can be removed with its links and waiting jobs.
import { decode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbUrl, useForApp } from "./db-file";
import { launchClaims, ROLE, startPlatform, type Platform } from "./lti-platform";
import { errorCode } from "./helpers";

useForApp(await freshDbUrl("lti-joining"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { registerPlatform, removePlatform } = await import("../lib/lti/platforms");
const { linkToken, redeemLinkToken, proposeMatches, confirmMatches } = await import("../lib/lti/joining");
const { createCourse, addStudentsCsv } = await import("../lib/teach/courses");
const { createSet } = await import("../lib/teach/sets");
const { syncRoster } = await import("../lib/lti/nrps");
const { openItem } = await import("../lib/course/work");
const jwksRoute = await import("../app/api/lti/jwks/route");
const loginRoute = await import("../app/api/lti/login/route");
const launchRoute = await import("../app/api/lti/launch/route");

const TOOL = "http://tool.test";
type Actor = { id: string; role: "student" | "instructor" };
let platform: Platform;
let teacher: Actor;
let courseId = "";
let setId = "";
const students = new Map<string, Actor & { email: string; number: string }>();

async function launch(hint: string, claims: Record<string, unknown>) {
  platform.prepare(hint, claims);
  const q = new URLSearchParams({ iss: platform.issuer, login_hint: hint, target_link_uri: `${TOOL}/api/lti/launch`, client_id: platform.clientId, lti_deployment_id: platform.deploymentId });
  const login = await loginRoute.GET(new NextRequest(`${TOOL}/api/lti/login?${q}`));
  const page = await (await fetch(login.headers.get("location")!)).text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)![1];
  const body = new URLSearchParams({ id_token: field("id_token"), state: field("state") });
  return launchRoute.POST(new NextRequest(`${TOOL}/api/lti/launch`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } }));
}
async function signedIn(res: Response) {
  const cookie = /next-auth\.session-token=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  return cookie ? ((await decode({ token: cookie, secret: sessionSecret() }))?.sub ?? null) : null;
}

beforeAll(async () => {
  platform = await startPlatform({ toolKeys: async () => (await (await jwksRoute.GET()).json()) as { keys: import("jose").JWK[] } });
  const t = await db.user.create({ data: { email: "sato.sensei@uni.example", name: "Sato Sensei", role: "instructor", passwordHash: "x" } });
  teacher = { id: t.id, role: "instructor" };
  await registerPlatform(db, teacher, { name: "Campus LMS", issuer: platform.issuer, clientId: platform.clientId, deploymentIds: platform.deploymentId, authLoginUrl: platform.urls.auth, tokenUrl: platform.urls.token, jwksUrl: platform.urls.jwks });
  ({ id: courseId } = await createCourse(db, teacher, { title: "逆伝播 2027", timeZone: "Asia/Tokyo" }));
  const csv = ["学籍番号,氏名,メールアドレス", "2027A0001,佐藤 花子,hanako@uni.example", "2027A0002,鈴木 太郎,taro@uni.example", "2027A0003,高橋 結衣,yui@uni.example"].join("\n");
  const report = await addStudentsCsv(db, teacher, courseId, csv);
  for (const a of report.added) {
    const u = await db.user.findUniqueOrThrow({ where: { email: a.email } });
    students.set(a.studentNumber!, { id: u.id, role: "student", email: a.email, number: a.studentNumber! });
  }
  const set = await createSet(db, teacher, courseId, { title: "Week 1", templateIds: ["lecture-2-3-3-2-random"], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1, status: "published" });
  setId = set.id;
});
afterAll(async () => {
  await platform.close();
  await db.$disconnect();
});

describe("linking an LMS course to an existing course", () => {
  let contextId = "";
  it("an instructor's LMS launch makes a new account; its link code, redeemed by their handprop account, moves the LMS course and the LMS identity to it", async () => {
    const first = await launch("t", launchClaims(platform, { sub: "lms-sato", roles: [ROLE.instructor], name: "Sato", email: "sato.sensei@uni.example" }));
    const lmsAccount = (await signedIn(first))!;
    expect(lmsAccount).not.toBe(teacher.id); // a stranger, as before: the email alone never joins
    const ctx = await db.ltiContext.findFirstOrThrow({ where: { contextId: "c1" } });
    contextId = ctx.id;
    expect(ctx.courseId).not.toBe(courseId);
    const code = await linkToken(db, { id: lmsAccount, role: "instructor" }, ctx.id);
    // A code is the LMS account's: a stranger cannot make one, a forged or expired one is refused.
    expect(await errorCode(linkToken(db, teacher, ctx.id))).toBe("NOT_FOUND");
    expect(await errorCode(redeemLinkToken(db, teacher, code.slice(0, -2) + "xx", courseId))).toBe("INVALID_INPUT");
    expect(await errorCode(redeemLinkToken(db, teacher, code, courseId, new Date(Date.now() + 31 * 60_000)))).toBe("INVALID_INPUT");
    // Redeemed into a course the redeemer does not teach: refused.
    const elsewhere = await db.user.create({ data: { email: "other@uni.example", name: "Other", role: "instructor", passwordHash: "x" } });
    expect(await errorCode(redeemLinkToken(db, { id: elsewhere.id, role: "instructor" }, code, courseId))).toBe("NOT_FOUND");

    await redeemLinkToken(db, teacher, code, courseId);
    expect((await db.ltiContext.findUniqueOrThrow({ where: { id: ctx.id } })).courseId).toBe(courseId);
    // The next instructor launch lands in the handprop account that owns the course.
    expect(await signedIn(await launch("t", launchClaims(platform, { sub: "lms-sato", roles: [ROLE.instructor] })))).toBe(teacher.id);
    expect(await db.auditEvent.count({ where: { courseId, action: "lti.contextLinked" } })).toBe(1);
  });

  it("matches the LMS roster by student number or email, joins only the confirmed clean rows, and a joined student's launch opens their work", async () => {
    const hanako = students.get("2027A0001")!;
    const taro = students.get("2027A0002")!;
    const yui = students.get("2027A0003")!;
    // Hanako opened the exercise in handprop before the LMS came: that work must be what her launch opens.
    const itemId = (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId } })).id;
    const variant = await openItem(db, hanako, itemId);
    // Taro launched from the LMS first and got an empty account of its own.
    const stranger = await signedIn(await launch("s2", launchClaims(platform, { sub: "lms-2", roles: [ROLE.learner], email: "taro.lms@uni.example" })));
    expect(stranger).not.toBe(taro.id);
    platform.members = [
      { user_id: "lms-1", roles: [ROLE.learner], name: "SATO Hanako", email: "hanako.s@lms.example", lis_person_sourcedid: "２０２７Ａ０００１" },
      { user_id: "lms-2", roles: [ROLE.learner], name: "SUZUKI Taro", email: "Taro@Uni.Example" },
      { user_id: "lms-3", roles: [ROLE.learner], name: "Nobody", email: "nobody@uni.example" },
      { user_id: "lms-4", roles: [ROLE.learner], name: "Two people", email: "yui@uni.example", lis_person_sourcedid: "2027A0002" },
      { user_id: "lms-sato", roles: [ROLE.instructor], name: "Sato" },
    ];
    // A roster sync ran before the instructor looked: it made accounts of its own for every learner.
    await syncRoster(db, contextId);
    const rows = await proposeMatches(db, teacher, contextId);
    const bySubject = new Map(rows.map((r) => [r.subject, r]));
    expect(rows.map((r) => r.subject)).toEqual(["lms-1", "lms-2", "lms-3", "lms-4"]); // learners only
    expect(bySubject.get("lms-1")).toMatchObject({ candidate: { userId: hanako.id, by: "number" }, problem: null, replaces: expect.any(String) });
    expect(bySubject.get("lms-2")).toMatchObject({ candidate: { userId: taro.id, by: "email" }, problem: null, replaces: stranger });
    expect(bySubject.get("lms-3")).toMatchObject({ candidate: null, problem: "no_match" });
    expect(bySubject.get("lms-4")).toMatchObject({ problem: "two_candidates" });
    // Nothing is joined by proposing.
    expect(await db.externalIdentity.count({ where: { userId: { in: [hanako.id, taro.id, yui.id] } } })).toBe(0);
    expect(await db.membership.count({ where: { courseId, user: { identities: { some: { subject: "lms-3" } } } } })).toBe(1); // the sync's own account for lms-3

    // The instructor confirms every row (and a subject not in the roster): only the clean ones join.
    expect(await confirmMatches(db, teacher, contextId, ["lms-1", "lms-2", "lms-3", "lms-4", "lms-forged"])).toEqual({ joined: 2, skipped: 3 });
    expect(await signedIn(await launch("s1", launchClaims(platform, { sub: "lms-1", roles: [ROLE.learner] })))).toBe(hanako.id);
    expect(await db.variant.findFirst({ where: { userId: hanako.id, itemId } })).toMatchObject({ id: variant.id });
    expect(await signedIn(await launch("s2", launchClaims(platform, { sub: "lms-2", roles: [ROLE.learner] })))).toBe(taro.id);
    // The empty account the LMS made for Taro is signed out and leaves the course.
    expect(await db.membership.findFirst({ where: { courseId, userId: stranger! } })).toMatchObject({ removedAt: expect.any(Date) });
    // Confirming again joins nobody twice; the audit names whom.
    expect((await proposeMatches(db, teacher, contextId)).filter((r) => r.joined).map((r) => r.subject)).toEqual(["lms-1", "lms-2"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { courseId, action: "lti.rosterJoined" } });
    expect(JSON.parse(audit.detailJson).joined.map((j: { userId: string }) => j.userId)).toEqual([hanako.id, taro.id]);
  });

  it("never joins an LMS-made account that already holds work, nor one account to two LMS users", async () => {
    const yui = students.get("2027A0003")!;
    const worker = await signedIn(await launch("s5", launchClaims(platform, { sub: "lms-5", roles: [ROLE.learner], email: "yui.lms@uni.example" })));
    const itemId = (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId } })).id;
    await openItem(db, { id: worker!, role: "student" }, itemId);
    platform.members = [
      { user_id: "lms-5", roles: [ROLE.learner], email: "yui@uni.example" },
      { user_id: "lms-6", roles: [ROLE.learner], email: "x@lms.example", lis_person_sourcedid: "2027A0003" },
    ];
    const rows = await proposeMatches(db, teacher, contextId);
    expect(rows.map((r) => [r.subject, r.problem])).toEqual([
      ["lms-5", "has_work"],
      ["lms-6", null],
    ]);
    platform.members.push({ user_id: "lms-7", roles: [ROLE.learner], email: "yui@uni.example" });
    const twice = await proposeMatches(db, teacher, contextId);
    expect(twice.find((r) => r.subject === "lms-6")!.problem).toBe("same_account");
    expect(twice.find((r) => r.subject === "lms-7")!.problem).toBe("same_account");
    expect((await confirmMatches(db, teacher, contextId, ["lms-5", "lms-6", "lms-7"])).joined).toBe(0);
    expect(await db.externalIdentity.count({ where: { userId: yui.id } })).toBe(0);
    // A student, or another course's instructor, cannot even see the table.
    expect(await errorCode(proposeMatches(db, yui, contextId))).toBe("FORBIDDEN");
  });
});

describe("removing a platform", () => {
  it("needs its name typed, then takes its LMS courses, links and waiting score jobs, and leaves the courses, sets and work", async () => {
    const platformRow = await db.ltiPlatform.findFirstOrThrow();
    const ctx = await db.ltiContext.findFirstOrThrow({ where: { platformId: platformRow.id } });
    const link = await db.ltiResourceLink.create({ data: { contextId: ctx.id, resourceLinkId: "link-x", problemSetId: setId } });
    const job = await db.job.create({ data: { kind: "lti-score", courseId, problemSetId: setId, total: 1, payloadJson: JSON.stringify({ linkId: link.id, userId: teacher.id }), createdById: teacher.id } });
    const unrelated = await db.job.create({ data: { kind: "lti-score", courseId, problemSetId: setId, total: 1, payloadJson: JSON.stringify({ linkId: "another", userId: teacher.id }), createdById: teacher.id } });
    expect(await errorCode(removePlatform(db, teacher, platformRow.id, "Campus"))).toBe("INVALID_INPUT");
    expect(await errorCode(removePlatform(db, students.get("2027A0001")!, platformRow.id, "Campus LMS"))).toBe("FORBIDDEN");
    // The launches above queued roster syncs of the LMS course: they go too.
    const rosters = await db.job.count({ where: { kind: "lti-roster", status: "queued", payloadJson: JSON.stringify({ contextId: ctx.id }) } });
    expect(await removePlatform(db, teacher, platformRow.id, "Campus LMS")).toEqual({ contexts: 1, jobs: 1 + rosters });
    expect(await db.job.count({ where: { kind: "lti-roster", status: "queued" } })).toBe(0);
    expect(await db.ltiPlatform.count()).toBe(0);
    expect(await db.ltiContext.count()).toBe(0);
    expect(await db.ltiResourceLink.count()).toBe(0);
    expect(await db.job.findUnique({ where: { id: job.id } })).toBeNull();
    expect(await db.job.findUnique({ where: { id: unrelated.id } })).not.toBeNull();
    expect(await db.problemSet.findUnique({ where: { id: setId } })).not.toBeNull();
    expect(await db.variant.count({ where: { item: { problemSetId: setId } } })).toBeGreaterThan(0);
    expect(await db.auditEvent.count({ where: { courseId, action: "lti.platformRemoved" } })).toBe(1);
  });
});
