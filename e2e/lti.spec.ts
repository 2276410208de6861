// handprop launched from an LMS (LTI 1.3), in the browser: the LMS is a platform that plays it from
// the IMS specifications (tests/lti-platform.ts), started here on a fixed port. An instructor
// registers it, launches into a new course, creates a set and deep-links it; a student launches the
// link, works the exercise, and the graded attempt's score reaches the platform's score endpoint.
import Database from "better-sqlite3";
import { join } from "node:path";
import { createLocalJWKSet, jwtVerify, type JWK } from "jose";
import { expect, test, type Page } from "@playwright/test";
import { launchClaims, LTI, ROLE, startPlatform, type Platform } from "../tests/lti-platform";
import { fill, registerLms, signIn, solutionOf, variantIdOf } from "./helpers";

const PLATFORM_PORT = Number(process.env.E2E_LMS_PORT ?? 3298);
const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });

let platform: Platform;
test.beforeAll(async ({ baseURL }) => {
  platform = await startPlatform({ port: PLATFORM_PORT, toolKeys: async () => (await (await fetch(`${baseURL}/api/lti/jwks`)).json()) as { keys: JWK[] } });
});
test.afterAll(async () => {
  await platform?.close();
});

/** The browser starts a launch as an LMS sends it: to the tool's login initiation URL. */
function loginUrl(baseURL: string, hint: string) {
  const q = new URLSearchParams({ iss: platform.issuer, login_hint: hint, target_link_uri: `${baseURL}/api/lti/launch`, client_id: platform.clientId, lti_deployment_id: platform.deploymentId });
  return `${baseURL}/api/lti/login?${q}`;
}

/** The latest graded attempt of a variant, read from the e2e database. */
function gradeOf(variantId: string): { score: number; maxScore: number } {
  const db = new Database(join(process.cwd(), "tests", ".tmp", "e2e.db"), { readonly: true });
  const row = db.prepare("SELECT g.score, g.maxScore FROM Grade g JOIN Submission s ON s.id = g.submissionId WHERE s.variantId = ? ORDER BY g.gradedAt DESC LIMIT 1").get(variantId) as { score: number; maxScore: number };
  db.close();
  return row;
}

test("an LMS launch: the instructor deep-links a problem set, a student opens it, and the graded attempt's score reaches the LMS", async ({ page, browser, baseURL }) => {
  const stamp = Date.now().toString(36);
  const context = { id: `ctx-${stamp}`, label: "NN", title: `LTI seminar ${stamp}` };

  // A handprop instructor registers the platform with what the LMS shows.
  await signIn(page, "teacher@handprop.test");
  await page.goto("/teach/lti");
  await expect(page.getByText(`${baseURL}/api/lti/login`)).toBeVisible();
  await registerLms(page, "Test LMS", platform);
  await shot(page, "lti-registration");

  // The LMS's instructor launches handprop: a new account and a new course, signed in.
  const teacher = await (await browser.newContext()).newPage();
  const teacherHint = `teacher-${stamp}`;
  platform.prepare(teacherHint, { ...launchClaims(platform, { sub: teacherHint, roles: [ROLE.instructor], name: "Tanaka Sensei" }), [`${LTI}context`]: context });
  await teacher.goto(loginUrl(baseURL!, teacherHint));
  await teacher.waitForURL(/\/teach\/courses\//);
  await expect(teacher.getByRole("heading", { name: context.title })).toBeVisible();
  await teacher.locator("#new-set ~ form").getByLabel("Title", { exact: true }).fill("Week 1 by hand");
  await teacher.getByLabel(/The lecture's exercise: 2-3-3-2/).check();
  await teacher.getByLabel(/Published: students see it/).check();
  await teacher.getByRole("button", { name: "Create problem set" }).click();
  await teacher.waitForURL(/\/teach\/sets\//);

  // Adding the activity in the LMS: a deep-linking request, answered with the chosen set.
  platform.prepare(teacherHint, { ...launchClaims(platform, { sub: teacherHint, roles: [ROLE.instructor], messageType: "LtiDeepLinkingRequest" }), [`${LTI}context`]: context });
  await teacher.goto(loginUrl(baseURL!, teacherHint));
  await teacher.waitForURL(/\/teach\/lti\/deep-link\//);
  await expect(teacher.getByLabel(/Week 1 by hand/)).toBeChecked();
  await shot(teacher, "lti-deep-link");
  await teacher.getByRole("button", { name: "Add to the LMS" }).click();
  await expect(teacher.getByRole("heading", { name: "Content linked" })).toBeVisible();
  const answer = platform.recorded.deepLinkReturns.at(-1)!;
  const { payload } = await jwtVerify(answer, createLocalJWKSet((await (await fetch(`${baseURL}/api/lti/jwks`)).json()) as { keys: JWK[] }), { issuer: platform.clientId, audience: platform.issuer });
  const [item] = payload["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as { custom: Record<string, string>; lineItem: { scoreMaximum: number } }[];
  expect(item.lineItem.scoreMaximum).toBe(100);

  // A student launches the new link: their account, enrolled, on the set's exercise.
  const student = await (await browser.newContext()).newPage();
  await student.bringToFront();
  const studentHint = `student-${stamp}`;
  const lineItem = `li-${stamp}`;
  platform.prepare(studentHint, {
    ...launchClaims(platform, { sub: studentHint, roles: [ROLE.learner], name: "Sato Hanako", resourceLink: `rl-${stamp}`, custom: item.custom, lineItem: platform.urls.lineItem(lineItem) }),
    [`${LTI}context`]: context,
  });
  await student.goto(loginUrl(baseURL!, studentHint));
  await student.waitForURL(/\/work\//);
  const variantId = variantIdOf(student);
  const { solution } = solutionOf(variantId);
  const step = solution.steps[0];
  for (let l = 0; l < 3; l++) {
    await fill(student, `steps[0].layers[${l}].A`, step.layers[l].A);
    await fill(student, `steps[0].layers[${l}].X`, step.layers[l].X);
  }
  await fill(student, "steps[0].loss", step.loss);
  await student.getByRole("button", { name: "Submit for grading" }).click();
  await student.waitForURL(/\/submissions\//);

  // The score goes back by the job runner: the set's one exercise, its share of the points out of 100.
  const grade = gradeOf(variantId);
  expect(grade.score).toBeGreaterThan(0);
  await expect.poll(() => platform.recorded.scores.filter((s) => s.lineItem === lineItem).length, { timeout: 30_000 }).toBe(1);
  const sent = platform.recorded.scores.find((s) => s.lineItem === lineItem)!;
  expect(sent.body).toMatchObject({ userId: studentHint, scoreGiven: Math.round((10000 * grade.score) / grade.maxScore) / 100, scoreMaximum: 100, gradingProgress: "FullyGraded", activityProgress: "Completed" });
  expect(sent.contentType).toBe("application/vnd.ims.lis.v1.score+json");
});
