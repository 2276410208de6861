// An LMS course joined to the class that already exists in handprop (issue 21), in the browser: an
// instructor with a course, a set and a student imported by CSV (who has started the exercise)
// registers the LMS; their LMS launch makes a link code that their handprop account redeems; the
// LMS roster is matched to the student by number and the instructor confirms; the student's launch
// from the LMS then opens their own existing work, not a stranger's empty account.
import Database from "better-sqlite3";
import { join } from "node:path";
import type { JWK } from "jose";
import { expect, test } from "@playwright/test";
import { launchClaims, LTI, ROLE, startPlatform, type Platform } from "../tests/lti-platform";
import { fill, newStudent, noAxeViolations, registerLms, signIn, variantIdOf } from "./helpers";

const PLATFORM_PORT = Number(process.env.E2E_LMS_JOIN_PORT ?? 3297);
let platform: Platform;
test.beforeAll(async ({ baseURL }) => {
  platform = await startPlatform({ port: PLATFORM_PORT, toolKeys: async () => (await (await fetch(`${baseURL}/api/lti/jwks`)).json()) as { keys: JWK[] } });
});
test.afterAll(async () => {
  await platform?.close();
});

const loginUrl = (baseURL: string, hint: string) =>
  `${baseURL}/api/lti/login?${new URLSearchParams({ iss: platform.issuer, login_hint: hint, target_link_uri: `${baseURL}/api/lti/launch`, client_id: platform.clientId, lti_deployment_id: platform.deploymentId })}`;

/** Whether the variant has a saved draft, read from the e2e database. */
function hasDraft(variantId: string): boolean {
  const db = new Database(join(process.cwd(), "tests", ".tmp", "e2e.db"), { readonly: true });
  const row = db.prepare("SELECT COUNT(*) AS n FROM Draft WHERE variantId = ?").get(variantId) as { n: number };
  db.close();
  return row.n > 0;
}

test("after the instructor links the LMS course and confirms the roster match, a CSV-imported student's LMS launch opens their existing work", async ({ page, browser, baseURL }) => {
  const stamp = Date.now().toString(36);
  const number = `J${stamp}`.slice(0, 16);
  const studentName = `Hanako Join ${stamp}`;
  const studentEmail = newStudent(studentName);

  // The instructor's course, a published set, and the student imported by a registrar CSV.
  await signIn(page, "teacher@handprop.test");
  await page.goto("/teach");
  await page.getByLabel("Title").fill(`Joined course ${stamp}`);
  await page.getByRole("button", { name: "Create course" }).click();
  await page.waitForURL(/\/teach\/courses\/[^/?#]+$/);
  const courseUrl = page.url();
  const courseTitle = `Joined course ${stamp}`;
  await page.getByLabel(/^Rows of “name,email”/).fill(`学籍番号,氏名,メールアドレス\n${number},${studentName},${studentEmail}`);
  await page.getByRole("button", { name: "Add students" }).click();
  await expect(page.getByTestId("import-report").filter({ hasText: "1 added" })).toBeVisible({ timeout: 15_000 });
  const setForm = page.locator("form", { has: page.getByRole("button", { name: "Create problem set" }) });
  await setForm.getByLabel("Title", { exact: true }).fill("Week 1 joined");
  await setForm.getByLabel(/The lecture's exercise: 2-3-3-2/).check();
  await setForm.getByLabel(/Published: students see it/).check();
  await setForm.getByRole("button", { name: "Create problem set" }).click();
  await page.waitForURL(/\/teach\/sets\//);
  const setId = new URL(page.url()).pathname.split("/").pop()!;

  // The student starts the exercise in handprop: a draft is their work.
  const student = await (await browser.newContext()).newPage();
  await signIn(student, studentEmail);
  await student.goto("/dashboard");
  await student.getByTestId("dashboard-set").filter({ hasText: "Week 1 joined" }).getByRole("link").first().click();
  await student.waitForURL(/\/work\//);
  const variantId = variantIdOf(student);
  await fill(student, "steps[0].loss", 2.5);
  await expect.poll(() => hasDraft(variantId), { timeout: 15_000 }).toBe(true);

  // The platform is registered; the LMS's instructor launches and makes a link code there.
  await registerLms(page, `Join LMS ${stamp}`, platform);
  const context = { id: `join-${stamp}`, label: "NN", title: `LMS course ${stamp}` };
  const lms = await (await browser.newContext()).newPage();
  const teacherHint = `lms-teacher-${stamp}`;
  platform.prepare(teacherHint, { ...launchClaims(platform, { sub: teacherHint, roles: [ROLE.instructor], name: "Tanaka Sensei", email: "teacher@handprop.test" }), [`${LTI}context`]: context });
  await lms.goto(loginUrl(baseURL!, teacherHint));
  await lms.waitForURL(/\/teach\/courses\//);
  await lms.goto("/teach/lti");
  await lms.locator("li", { hasText: context.title }).getByRole("button", { name: "Make a link code" }).click();
  const code = await lms.getByTestId("link-code").inputValue();
  expect(code.length).toBeGreaterThan(40);

  // The handprop account redeems it into the existing course.
  await page.goto("/teach/lti");
  await page.getByRole("textbox", { name: "Link code" }).fill(code);
  await page.getByLabel("Your course").selectOption({ label: courseTitle });
  await page.getByRole("button", { name: "Join", exact: true }).click();
  await page.waitForURL(/\?linked=1/);
  expect(page.url()).toContain(new URL(courseUrl).pathname);

  // The LMS roster, matched by student number, confirmed by the instructor.
  const studentSub = `lms-student-${stamp}`;
  platform.members = [{ user_id: studentSub, roles: [ROLE.learner], name: "SATO Hanako", email: `other-${stamp}@lms.example`, lis_person_sourcedid: number }];
  await page.goto("/teach/lti");
  await page.locator("li", { hasText: context.title }).getByRole("link", { name: "Match the LMS roster to this course's students" }).click();
  const row = page.getByTestId("match-table").locator(`tr[data-subject="${studentSub}"]`);
  await expect(row).toContainText(studentName);
  await expect(row).toContainText("student number");
  await expect(row.getByRole("checkbox")).toBeChecked();
  await noAxeViolations(page);
  await page.getByRole("button", { name: "Join the ticked students" }).click();
  await expect(page.getByTestId("joined")).toContainText("Joined: 1");

  // The student's launch from the LMS opens their own account and the work they started.
  const fromLms = await (await browser.newContext()).newPage();
  platform.prepare(studentSub, { ...launchClaims(platform, { sub: studentSub, roles: [ROLE.learner], name: "SATO Hanako", resourceLink: `rl-${stamp}`, custom: { handprop_set: setId } }), [`${LTI}context`]: context });
  await fromLms.goto(loginUrl(baseURL!, studentSub));
  await fromLms.waitForURL(/\/work\//);
  expect(variantIdOf(fromLms)).toBe(variantId);
  await expect(fromLms.locator('fieldset[data-path="steps[0].loss"] input').first()).toHaveValue("2.5");
});
