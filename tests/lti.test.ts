// handprop as an LTI 1.3 tool, tried against a platform that plays the LMS from the IMS
// specifications (tests/lti-platform.ts): the login and launch through the tool's own route
// handlers, each refusal a launch can meet, deep linking (the answer verified with the tool's
// published keys), the roster (NRPS) and grades back (AGS) with a platform that fails once.
import { createLocalJWKSet, decodeJwt, jwtVerify, type JWK } from "jose";
import { decode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbUrl, useForApp } from "./db-file";
import { launchClaims, LTI, ROLE, startPlatform, type Platform } from "./lti-platform";

useForApp(await freshDbUrl("lti"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret } = await import("../lib/env");
const { registerPlatform } = await import("../lib/lti/platforms");
const { createSet, updateRules } = await import("../lib/teach/sets");
const { joinCourse, openItem, submitAnswers } = await import("../lib/course/work");
const { requestRosterSync, syncRoster } = await import("../lib/lti/nrps");
const { jobRunner } = await import("../lib/run/jobs");
const { AppError } = await import("../lib/errors");
const jwksRoute = await import("../app/api/lti/jwks/route");
const loginRoute = await import("../app/api/lti/login/route");
const launchRoute = await import("../app/api/lti/launch/route");
const deepLinkRoute = await import("../app/api/lti/deep-link/route");

const TOOL = "http://tool.test";
const toolKeys = async () => (await (await jwksRoute.GET()).json()) as { keys: JWK[] };
let platform: Platform;
let admin: { id: string; role: "instructor" };

beforeAll(async () => {
  platform = await startPlatform({ toolKeys, pageSize: 2 });
  admin = { id: (await db.user.create({ data: { email: "admin@handprop.test", name: "Admin", role: "instructor", passwordHash: "x" } })).id, role: "instructor" };
  await registerPlatform(db, admin, {
    name: "Test LMS",
    issuer: platform.issuer,
    clientId: platform.clientId,
    deploymentIds: `${platform.deploymentId}, deployment-2`,
    authLoginUrl: platform.urls.auth,
    tokenUrl: platform.urls.token,
    jwksUrl: platform.urls.jwks,
  });
});
afterAll(async () => {
  await platform.close();
  await db.$disconnect();
});

/** The login step: the tool's redirect to the platform's authorization endpoint, and its state and nonce. */
async function beginLogin(hint: string) {
  const q = new URLSearchParams({ iss: platform.issuer, login_hint: hint, target_link_uri: `${TOOL}/api/lti/launch`, client_id: platform.clientId, lti_deployment_id: platform.deploymentId });
  const res = await loginRoute.GET(new NextRequest(`${TOOL}/api/lti/login?${q}`));
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location")!);
  return { location, state: location.searchParams.get("state")!, nonce: location.searchParams.get("nonce")! };
}

function postLaunch(form: Record<string, string>, headers: Record<string, string> = {}) {
  return launchRoute.POST(new NextRequest(`${TOOL}/api/lti/launch`, { method: "POST", body: new URLSearchParams(form), headers: { "content-type": "application/x-www-form-urlencoded", ...headers } }));
}

/** A whole launch as a browser makes it: login at the tool, authorization at the platform, the form posted back. */
async function launch(hint: string, claims: Record<string, unknown>) {
  platform.prepare(hint, claims);
  const { location } = await beginLogin(hint);
  const page = await (await fetch(location)).text();
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)![1];
  const form = { id_token: field("id_token"), state: field("state") };
  return { res: await postLaunch(form), form };
}

/** The user a launch signed in: the next-auth session token in its cookie, decoded as the app does. */
async function sessionOf(res: Response) {
  const cookie = /next-auth\.session-token=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];
  if (!cookie) return null;
  return decode({ token: cookie, secret: sessionSecret() });
}
const cookieOf = (res: Response) => /next-auth\.session-token=[^;]+/.exec(res.headers.get("set-cookie") ?? "")![0];
const codeOf = async (res: Response) => /data-code="([^"]+)"/.exec(await res.text())?.[1];

const TINY = JSON.stringify({ id: "tiny-lti", title: "Tiny", fixed: { loss: "half_sse", learning_rate: 0.5, data: { inputs: [[2]], targets: [[1]] }, layers: [{ activation: "identity", weights: [[1]], bias: [0] }] } });
let courseId = "";
let setId = "";
let teacherCookie = "";

describe("an LTI launch", () => {
  it("signs an instructor's first launch into a new account and a new course they own", async () => {
    const { res } = await launch("teacher-hint", launchClaims(platform, { sub: "lms-teacher", roles: [ROLE.instructor], name: "Tanaka Sensei", email: "tanaka@uni.example" }));
    expect(res.status).toBe(303);
    const identity = await db.externalIdentity.findUniqueOrThrow({ where: { kind_issuer_subject: { kind: "lti", issuer: platform.issuer, subject: "lms-teacher" } }, include: { user: true } });
    expect(identity.user).toMatchObject({ name: "Tanaka Sensei", email: "tanaka@uni.example", role: "instructor" });
    const ctx = await db.ltiContext.findFirstOrThrow({ where: { contextId: "c1" }, include: { course: true } });
    courseId = ctx.courseId;
    expect(ctx.course).toMatchObject({ title: "Neural networks 101", ownerId: identity.userId });
    expect(ctx.membershipsUrl).toBe(platform.urls.memberships);
    expect(await db.membership.findFirst({ where: { courseId, userId: identity.userId } })).toMatchObject({ role: "instructor", removedAt: null });
    expect(res.headers.get("location")).toBe(`${TOOL}/teach/courses/${courseId}`);
    const session = await sessionOf(res);
    expect(session).toMatchObject({ sub: identity.userId, sv: 0 });
    expect(typeof session?.sid).toBe("string");
    teacherCookie = cookieOf(res);
    // The login asked the platform for exactly what LTI 1.3 Core §5.1.1.2 lists.
    expect(platform.recorded.authRequests.at(-1)).toMatchObject({ scope: "openid", response_type: "id_token", response_mode: "form_post", prompt: "none", client_id: platform.clientId, redirect_uri: `${TOOL}/api/lti/launch`, login_hint: "teacher-hint" });
  });

  it("finds the same account again at the next launch, by issuer and subject", async () => {
    const { res } = await launch("teacher-hint", launchClaims(platform, { sub: "lms-teacher", roles: [ROLE.instructor], email: "someone-else@uni.example" }));
    expect(res.status).toBe(303);
    expect(await db.externalIdentity.count({ where: { kind: "lti", subject: "lms-teacher" } })).toBe(1);
    expect(await db.course.count({ where: { ltiContexts: { some: { contextId: "c1" } } } })).toBe(1);
  });

  it("never hands over an account that has the LMS's email: the new account gets a placeholder address", async () => {
    const holder = await db.user.create({ data: { email: "taken@uni.example", name: "Password account", passwordHash: "x" } });
    const { res } = await launch("taken-hint", launchClaims(platform, { sub: "lms-taken", roles: [ROLE.learner], email: "Taken@uni.example" }));
    expect(res.status).toBe(303);
    const session = await sessionOf(res);
    expect(session?.sub).not.toBe(holder.id);
    expect(await db.user.findUniqueOrThrow({ where: { id: session!.sub! } })).toMatchObject({ email: expect.stringMatching(/@lms\.invalid$/) });
    expect(await db.externalIdentity.count({ where: { userId: holder.id } })).toBe(0);
  });

  it("refuses a student whose LMS course has no handprop course yet", async () => {
    const claims = { ...launchClaims(platform, { sub: "early-student", roles: [ROLE.learner] }), [`${LTI}context`]: { id: "c-unknown", title: "Other" } };
    const { res } = await launch("early", claims);
    expect(res.status).toBe(403);
    expect(await codeOf(res)).toBe("no_course");
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("a launch is refused", () => {
  const student = () => launchClaims(platform, { sub: "mallory", roles: [ROLE.learner] });
  async function refused(token: (nonce: string) => Promise<string>, headers: Record<string, string> = {}) {
    const { state, nonce } = await beginLogin("mallory-hint");
    const res = await postLaunch({ id_token: await token(nonce), state }, headers);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("set-cookie")).toBeNull();
    return { status: res.status, code: await codeOf(res) };
  }

  it("when the signature is not the platform's", async () => {
    expect(await refused((nonce) => platform.sign({ ...student(), nonce }, { forged: true }))).toEqual({ status: 401, code: "bad_token" });
  });
  it("when the audience is another tool", async () => {
    expect(await refused((nonce) => platform.sign({ ...student(), nonce }, { aud: "another-tool" }))).toEqual({ status: 400, code: "unknown_platform" });
    // Several audiences: azp must name this tool.
    expect(await refused((nonce) => platform.sign({ ...student(), nonce, azp: "another-tool" }, { aud: [platform.clientId, "another-tool"] }))).toEqual({ status: 400, code: "unknown_platform" });
  });
  it("when it has expired", async () => {
    expect(await refused((nonce) => platform.sign({ ...student(), nonce }, { expiresIn: -60 }))).toEqual({ status: 401, code: "expired" });
  });
  it("when its nonce is not the login's", async () => {
    expect(await refused(() => platform.sign({ ...student(), nonce: "made-up" }))).toEqual({ status: 401, code: "bad_state" });
  });
  it("when the deployment is not registered", async () => {
    expect(await refused((nonce) => platform.sign({ ...student(), nonce, [`${LTI}deployment_id`]: "deployment-x" }))).toEqual({ status: 403, code: "unknown_deployment" });
  });
  it("when the message is of another type or LTI version", async () => {
    expect(await refused((nonce) => platform.sign({ ...student(), nonce, [`${LTI}message_type`]: "LtiSubmissionReviewRequest" }))).toEqual({ status: 400, code: "wrong_message" });
    expect(await refused((nonce) => platform.sign({ ...student(), nonce, [`${LTI}version`]: "1.1" }))).toEqual({ status: 400, code: "wrong_message" });
  });
  it("when a student sends a deep-linking request", async () => {
    expect(await refused((nonce) => platform.sign({ ...launchClaims(platform, { sub: "mallory", roles: [ROLE.learner], messageType: "LtiDeepLinkingRequest" }), nonce }))).toEqual({ status: 403, code: "not_instructor" });
  });
  it("when the same id_token and state are posted again (the nonce is used once)", async () => {
    const { res, form } = await launch("teacher-hint", launchClaims(platform, { sub: "lms-teacher", roles: [ROLE.instructor] }));
    expect(res.status).toBe(303);
    const again = await postLaunch(form);
    expect(again.status).toBe(401);
    expect(await codeOf(again)).toBe("replayed");
    expect(again.headers.get("set-cookie")).toBeNull();
  });
  it("in the reader's language, never with the check's own words", async () => {
    const res = await postLaunch({ id_token: "not-a-jwt", state: "x" }, { "accept-language": "ja" });
    expect(res.status).toBe(401);
    const page = await res.text();
    expect(page).toMatch(/lang="ja"/);
    expect(page).not.toMatch(/JWT|jose|not a JWT/);
  });
  it("when the login names an unknown platform", async () => {
    const res = await loginRoute.GET(new NextRequest(`${TOOL}/api/lti/login?iss=https://evil.example&login_hint=x&target_link_uri=x`));
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe("unknown_platform");
  });
});

describe("deep linking", () => {
  let answerJwt = "";
  it("lets the instructor pick a set, and answers with a resource link signed by the tool's published key", async () => {
    const teacherId = (await db.externalIdentity.findFirstOrThrow({ where: { subject: "lms-teacher" } })).userId;
    setId = (await createSet(db, { id: teacherId, role: "instructor" }, courseId, { title: "Backprop by hand", templatesJson: [TINY], attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 1 })).id;
    const { res } = await launch("teacher-hint", launchClaims(platform, { sub: "lms-teacher", roles: [ROLE.instructor], messageType: "LtiDeepLinkingRequest" }));
    expect(res.status).toBe(303);
    const page = new URL(res.headers.get("location")!).pathname;
    expect(page).toMatch(/^\/teach\/lti\/deep-link\/\w+$/);
    const requestId = page.split("/").pop()!;
    const pick = (cookie: string, set = setId) =>
      deepLinkRoute.POST(new NextRequest(`${TOOL}/api/lti/deep-link`, { method: "POST", body: new URLSearchParams({ request: requestId, set }), headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: TOOL } }));
    // Another instructor's session cannot answer it, nor a set of another course.
    const otherCookie = cookieOf((await launch("other-hint", { ...launchClaims(platform, { sub: "other-teacher", roles: [ROLE.instructor] }), [`${LTI}context`]: { id: "c2", title: "Other course" } })).res);
    expect((await pick(otherCookie)).status).toBe(404);
    expect((await pick("")).status).toBe(401);
    const studentCookie = cookieOf((await launch("dl-student", launchClaims(platform, { sub: "dl-student", roles: [ROLE.learner] }))).res);
    expect((await pick(studentCookie)).status).toBe(404);
    expect((await pick(teacherCookie, "no-such-set")).status).toBe(404);
    const answer = await pick(teacherCookie);
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain(`action="${platform.urls.deepLinkReturn}"`);
    expect(answer.headers.get("content-security-policy")).toContain(`form-action ${platform.origin}`);
    answerJwt = /name="JWT" value="([^"]+)"/.exec(html)![1];
    // Verified as the platform would: with the keys the tool publishes.
    const { payload, protectedHeader } = await jwtVerify(answerJwt, createLocalJWKSet(await toolKeys()), { issuer: platform.clientId, audience: platform.issuer });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      [`${LTI}message_type`]: "LtiDeepLinkingResponse",
      [`${LTI}version`]: "1.3.0",
      [`${LTI}deployment_id`]: platform.deploymentId,
      "https://purl.imsglobal.org/spec/lti-dl/claim/data": "opaque-data-42",
    });
    expect(typeof payload.nonce).toBe("string");
    expect(payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]).toEqual([
      { type: "ltiResourceLink", title: "Backprop by hand", url: `${TOOL}/api/lti/launch`, custom: { handprop_set: setId }, lineItem: { scoreMaximum: 100, label: "Backprop by hand", resourceId: setId } },
    ]);
    // Answered once.
    expect((await pick(teacherCookie)).status).toBe(404);
  });

  it("publishes public keys only", async () => {
    const { keys } = await toolKeys();
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys) expect(k).not.toHaveProperty("d");
    expect(keys.map((k) => k.kid)).toContain(decodeJwt(answerJwt) && JSON.parse(Buffer.from(answerJwt.split(".")[0], "base64url").toString()).kid);
  });
});

describe("a student's launch and grade", () => {
  let studentId = "";
  beforeAll(() => {
    platform.members = [
      { user_id: "lms-teacher", roles: [ROLE.instructor] },
      { user_id: "lms-student-1", roles: [ROLE.learner] },
    ];
  });
  it("opens the deep-linked set and records the link with its line item", async () => {
    const claims = launchClaims(platform, { sub: "lms-student-1", roles: [ROLE.learner], resourceLink: "rl-42", custom: { handprop_set: setId }, lineItem: platform.urls.lineItem("li-7") });
    const { res } = await launch("student-hint", claims);
    expect(res.status).toBe(303);
    const firstItem = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId }, orderBy: { position: "asc" } });
    expect(res.headers.get("location")).toBe(`${TOOL}/items/${firstItem.id}`);
    studentId = (await sessionOf(res))!.sub!;
    expect(await db.user.findUniqueOrThrow({ where: { id: studentId } })).toMatchObject({ role: "student" });
    expect(await db.membership.findFirst({ where: { courseId, userId: studentId } })).toMatchObject({ role: "student" });
    expect(await db.ltiResourceLink.findFirst({ where: { resourceLinkId: "rl-42" } })).toMatchObject({ problemSetId: setId, lineItemUrl: platform.urls.lineItem("li-7") });
  });

  it("refuses a link whose custom parameter names a set of another course", async () => {
    const other = await db.problemSet.create({ data: { courseId: (await db.ltiContext.findFirstOrThrow({ where: { contextId: "c2" } })).courseId, title: "Elsewhere" } });
    const { res } = await launch("student-hint", launchClaims(platform, { sub: "lms-student-1", roles: [ROLE.learner], resourceLink: "rl-evil", custom: { handprop_set: other.id } }));
    expect(res.status).toBe(404);
    expect(await codeOf(res)).toBe("set_not_found");
  });

  it("sends the student's set score to the line item after a graded attempt, again after the platform fails once", async () => {
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId } });
    const student = { id: studentId, role: "student" as const };
    const variant = await openItem(db, student, item.id);
    await submitAnswers(db, student, variant.id, { "steps[0].loss": [["0.5"]] }, "lti-score-key-1");
    const grade = await db.grade.findFirstOrThrow({ where: { submission: { variantId: variant.id } } });
    expect(grade.score).toBeGreaterThan(0);
    const job = await db.job.findFirstOrThrow({ where: { kind: "lti-score", createdById: studentId } });
    platform.failScores(1);
    const runner = jobRunner(db, { retryMs: 1, log: () => {} });
    // The roster syncs the launches queued go first (they are older).
    await db.job.updateMany({ where: { kind: "lti-score" }, data: { leaseUntil: new Date(Date.now() + 60_000) } });
    await runner.drain();
    await db.job.updateMany({ where: { kind: "lti-score" }, data: { leaseUntil: null } });
    await runner.runOne();
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "queued", attempts: 1 });
    expect(platform.recorded.scores).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 20));
    await runner.runOne();
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "done", attempts: 2 });
    expect(platform.recorded.scores).toHaveLength(1);
    const sent = platform.recorded.scores[0];
    expect(sent.lineItem).toBe("li-7");
    expect(sent.contentType).toBe("application/vnd.ims.lis.v1.score+json");
    // One exercise in the set: its share of the points, out of 100.
    const expected = Math.round((10000 * grade.score) / grade.maxScore) / 100;
    expect(sent.body).toEqual({ userId: "lms-student-1", scoreGiven: expected, scoreMaximum: 100, activityProgress: "Completed", gradingProgress: "FullyGraded", timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // The token came from a client assertion signed with the tool's key, for AGS and NRPS.
    const token = platform.recorded.tokenRequests.at(-1)!;
    expect(token.form.scope.split(" ").sort()).toEqual([
      "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
      "https://purl.imsglobal.org/spec/lti-ags/scope/score",
      "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
    ]);
    expect(token.assertion).toMatchObject({ iss: platform.clientId, sub: platform.clientId, aud: platform.urls.token });
    expect((await toolKeys()).keys.map((k) => k.kid)).toContain(token.header.kid);
  });

  it("queues one score for attempts made before it is sent, and sends the latest", async () => {
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId } });
    const student = { id: studentId, role: "student" as const };
    const variant = await openItem(db, student, item.id);
    await submitAnswers(db, student, variant.id, { "steps[0].loss": [["9"]] }, "lti-score-key-2");
    await submitAnswers(db, student, variant.id, { "steps[0].loss": [["0.5"]], "steps[0].layers[0].dW": [["1"]] }, "lti-score-key-3");
    expect(await db.job.count({ where: { kind: "lti-score", status: "queued" } })).toBe(1);
    await jobRunner(db, { log: () => {} }).drain();
    const best = await db.variantResult.findFirstOrThrow({ where: { variantId: variant.id } });
    expect(platform.recorded.scores.at(-1)!.body.scoreGiven).toBe(Math.round((10000 * best.bestScore) / best.maxScore) / 100);
  });

  it("sends every student's score again after a regrade changes the set's grades", async () => {
    const teacherId = (await db.externalIdentity.findFirstOrThrow({ where: { subject: "lms-teacher" } })).userId;
    const sentBefore = platform.recorded.scores.length;
    const { regradeJobId } = await updateRules(db, { id: teacherId, role: "instructor" }, setId, { attemptsAllowed: 3, revealPolicy: "never", carriedCredit: 0.5, latePolicy: "refuse", latePenalty: 0 });
    expect(regradeJobId).not.toBeNull();
    await jobRunner(db, { log: () => {} }).drain();
    expect(await db.job.findUniqueOrThrow({ where: { id: regradeJobId! } })).toMatchObject({ status: "done" });
    // The score sent is the one computed from the regraded results.
    const sent = platform.recorded.scores.slice(sentBefore);
    expect(sent.map((s) => s.body.userId)).toEqual(["lms-student-1"]);
    const items = await db.problemSetItem.findMany({ where: { problemSetId: setId }, select: { id: true } });
    const results = await db.variantResult.findMany({ where: { userId: studentId, itemId: { in: items.map((i) => i.id) } } });
    expect(results.length).toBeGreaterThan(0);
    const best = results[0];
    expect(sent[0].body.scoreGiven).toBe(Math.round((10000 * best.bestScore) / best.maxScore) / 100);
  });
});

describe("the roster from the LMS", () => {
  it("enrols active members page by page with their roles, and removes those the LMS no longer lists", async () => {
    const ctx = await db.ltiContext.findFirstOrThrow({ where: { contextId: "c1" } });
    const joined = await db.user.create({ data: { email: "by-code@handprop.test", name: "Joined by code", passwordHash: "x" } });
    const course = await db.course.findUniqueOrThrow({ where: { id: courseId } });
    await joinCourse(db, { id: joined.id, role: "student" }, course.joinCode);
    platform.members = [
      { user_id: "lms-teacher", roles: [ROLE.instructor] },
      { user_id: "lms-student-1", roles: [ROLE.learner] },
      { user_id: "lms-student-2", roles: [ROLE.learner], name: "Sato Hanako", email: "hanako@uni.example" },
      { user_id: "lms-ta", roles: [ROLE.instructor, ROLE.ta], name: "Assistant" },
      { user_id: "lms-dropped", roles: [ROLE.learner], status: "Inactive" },
    ];
    const before = platform.recorded.membershipPages.length;
    expect(await syncRoster(db, ctx.id)).toEqual({ enrolled: 4, removed: 0 });
    expect(platform.recorded.membershipPages.length - before).toBe(3);
    const role = async (sub: string) => {
      const id = await db.externalIdentity.findFirst({ where: { subject: sub } });
      return id && (await db.membership.findFirst({ where: { courseId, userId: id.userId } }));
    };
    expect(await role("lms-student-2")).toMatchObject({ role: "student", removedAt: null });
    expect(await role("lms-ta")).toMatchObject({ role: "ta", removedAt: null });
    expect(await role("lms-dropped")).toBeNull();
    const hanako = await db.externalIdentity.findFirstOrThrow({ where: { subject: "lms-student-2" }, include: { user: true } });
    expect(hanako.user).toMatchObject({ name: "Sato Hanako", email: "hanako@uni.example" });

    platform.members = platform.members.filter((m) => m.user_id !== "lms-student-2");
    expect(await syncRoster(db, ctx.id)).toEqual({ enrolled: 3, removed: 1 });
    expect((await role("lms-student-2"))?.removedAt).toBeInstanceOf(Date);
    expect(await db.user.findUniqueOrThrow({ where: { id: hanako.userId } })).toMatchObject({ sessionVersion: 1 });
    // Joined by code: not the LMS's to remove. The owner stays too.
    expect(await db.membership.findFirst({ where: { courseId, userId: joined.id } })).toMatchObject({ removedAt: null });
    expect(await role("lms-teacher")).toMatchObject({ removedAt: null });
    // A roster that comes back empty removes nobody (a platform's fault, more likely than a class that left).
    platform.members = [];
    expect(await syncRoster(db, ctx.id)).toEqual({ enrolled: 0, removed: 0 });
    expect(await role("lms-student-1")).toMatchObject({ removedAt: null });
    expect(await db.ltiContext.findUniqueOrThrow({ where: { id: ctx.id } })).toMatchObject({ rosterSyncedAt: expect.any(Date) });
  });
});

describe("a roster sync asked for by an instructor", () => {
  it("is queued for a course they teach, run as a job, and refused for anyone else", async () => {
    const ctx = await db.ltiContext.findFirstOrThrow({ where: { contextId: "c1" } });
    const teacher = await db.externalIdentity.findFirstOrThrow({ where: { subject: "lms-teacher" } });
    const otherTeacher = await db.externalIdentity.findFirstOrThrow({ where: { subject: "other-teacher" } });
    const student = await db.externalIdentity.findFirstOrThrow({ where: { subject: "lms-student-1" } });
    await expect(requestRosterSync(db, { id: otherTeacher.userId, role: "instructor" }, ctx.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(requestRosterSync(db, { id: student.userId, role: "student" }, ctx.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(requestRosterSync(db, { id: teacher.userId, role: "instructor" }, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    platform.members = [{ user_id: "lms-teacher", roles: [ROLE.instructor] }, { user_id: "lms-student-3", roles: [ROLE.learner] }];
    expect(await requestRosterSync(db, { id: teacher.userId, role: "instructor" }, ctx.id)).toBe(true);
    // Asked twice before it runs: one job.
    expect(await requestRosterSync(db, { id: teacher.userId, role: "instructor" }, ctx.id)).toBe(false);
    await jobRunner(db, { log: () => {} }).drain();
    const job = await db.job.findFirstOrThrow({ where: { kind: "lti-roster" }, orderBy: { createdAt: "desc" } });
    expect(job.status).toBe("done");
    expect(JSON.parse(job.resultJson!)).toMatchObject({ enrolled: 2 });
    expect(await db.externalIdentity.count({ where: { subject: "lms-student-3" } })).toBe(1);
  });
});

describe("registering a platform", () => {
  it("is for instructors only, and wants https endpoints", async () => {
    const student = await db.user.create({ data: { email: "stu@handprop.test", name: "S", passwordHash: "x" } });
    const reg = { name: "X", issuer: "https://lms.example", clientId: "c", deploymentIds: "d", authLoginUrl: "https://lms.example/auth", tokenUrl: "https://lms.example/token", jwksUrl: "https://lms.example/jwks" };
    await expect(registerPlatform(db, { id: student.id, role: "student" }, reg)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bad = await registerPlatform(db, admin, { ...reg, tokenUrl: "http://lms.example/token" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as InstanceType<typeof AppError>).details).toHaveProperty("tokenUrl");
    expect(await db.ltiPlatform.count({ where: { issuer: "https://lms.example" } })).toBe(0);
  });
});
