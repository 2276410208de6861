// Course staff in the browser: the demo course's teacher adds a teaching assistant by email; the TA
// (a graduate student's account) finds the course on their dashboard, sees the set's statistics
// and a student's submission, has no form to change the rules, and a rules form posted anyway is
// refused with the rules left as they were.
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page, type Request } from "@playwright/test";
import { fill, joinDemoCourse, newStudent, noAxeViolations, signIn } from "./helpers";

const E2E_DB = join(process.cwd(), "tests", ".tmp", "e2e.db");
const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });

/** The demo set's attempts allowed, read from the database as an outside checker would. */
function attemptsAllowed(setId: string): number {
  const db = new Database(E2E_DB, { readonly: true });
  const row = db.prepare("SELECT attemptsAllowed FROM ProblemSet WHERE id = ?").get(setId) as { attemptsAllowed: number };
  db.close();
  return row.attemptsAllowed;
}

test("a teacher adds a TA by email; the TA sees the statistics and a submission, and cannot change the rules", async ({ page, browser }) => {
  // A student submits once, so the statistics have something to show.
  // Letters only: newStudent makes the email from the name.
  const studentName = `Sora ${Array.from({ length: 6 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("")}`;
  const student = await browser.newPage();
  await student.bringToFront();
  await signIn(student, newStudent(studentName));
  await joinDemoCourse(student);
  await student.getByRole("link", { name: /2-3-3-2/ }).first().click();
  await student.waitForURL(/\/work\//);
  await fill(student, "steps[0].loss", 1);
  await student.getByRole("button", { name: "Submit for grading" }).click();
  await student.waitForURL(/\/submissions\//);
  await student.close();

  // The teacher adds a graduate student's account as a teaching assistant.
  const taEmail = newStudent("Grad Assistant");
  await page.bringToFront();
  await signIn(page, "teacher@handprop.test");
  await page.goto("/teach");
  await page.getByRole("link", { name: /backpropagation by hand \(demo\)/ }).click();
  await page.waitForURL(/\/teach\/courses\//);
  const courseUrl = page.url();
  await page.getByLabel("Email of their account").fill(taEmail.toUpperCase());
  await page.getByRole("combobox", { name: /^Role/ }).selectOption("ta");
  await page.getByRole("button", { name: "Add to staff" }).click();
  const staffRow = page.getByTestId("staff-table").locator("tr", { hasText: taEmail });
  await expect(staffRow).toContainText("Teaching assistant");
  await expect(page.getByRole("button", { name: "Remove Grad Assistant from the course staff" })).toBeVisible();
  await page.locator('section[aria-labelledby="staff"]').screenshot({ path: "docs/screenshots/course-staff.png" });
  await noAxeViolations(page);
  // The set's page, as its teacher sees it.
  await page.locator("a[href^='/teach/sets/']").first().click();
  await page.waitForURL(/\/teach\/sets\//);
  const setUrl = page.url();
  const setId = new URL(setUrl).pathname.split("/").pop()!;
  const attemptsBefore = attemptsAllowed(setId);
  // The teacher's own post of the rules form (asking for 9 attempts), caught before it leaves the
  // browser: the TA will send exactly this request, server action id and all.
  let rulesPost: Request | undefined;
  await page.route(setUrl, (route) => (route.request().method() === "POST" ? ((rulesPost = route.request()), route.abort()) : route.continue()));
  await page.getByLabel("Attempts allowed").fill("9");
  await page.getByRole("button", { name: "Save rules" }).click();
  await expect.poll(() => rulesPost?.headers()["next-action"]).toBeTruthy();
  await page.unroute(setUrl);

  // The TA: the course on their dashboard, its students and statistics, a student's submission.
  const ta = await browser.newPage();
  await ta.bringToFront();
  await signIn(ta, taEmail);
  await expect(ta.getByText("You assist this course.")).toBeVisible();
  await ta.getByRole("link", { name: "Open its statistics and students" }).click();
  await ta.waitForURL(courseUrl);
  await expect(ta.getByRole("cell", { name: studentName })).toBeVisible();
  await expect(ta.getByRole("button", { name: "Add students" })).toHaveCount(0);
  await expect(ta.getByRole("button", { name: "Create problem set" })).toHaveCount(0);
  await expect(ta.getByRole("button", { name: "Add to staff" })).toHaveCount(0);
  await ta.goto(setUrl);
  await expect(ta.locator('[data-testid="heatmap"]').first()).toBeVisible();
  await expect(ta.getByRole("button", { name: "Save rules" })).toHaveCount(0);
  await expect(ta.getByTestId("rules-read-only")).toBeVisible();
  await shot(ta, "ta-statistics");
  await ta.getByRole("row", { name: new RegExp(studentName) }).getByRole("link").first().click();
  await ta.waitForURL(/\/teach\/variants\//);
  await expect(ta.getByRole("heading", { level: 1 })).toContainText(studentName);

  // The same rules post, sent with the TA's session: refused back to the rules with "forbidden", and the rules stay.
  const sent = rulesPost!.headers();
  const answer = await ta.request.post(setUrl, {
    headers: { "next-action": sent["next-action"], "content-type": sent["content-type"], accept: "text/x-component", origin: new URL(setUrl).origin },
    data: rulesPost!.postDataBuffer()!,
    maxRedirects: 0,
  });
  const back = (answer.headers()["x-action-redirect"] ?? "").split(";")[0];
  expect(back).toContain(`/teach/sets/${setId}?error=errors%3AstaffOnlyInstructors`);
  await ta.goto(back);
  await expect(ta.getByText("Only the course's instructors can change this")).toBeVisible();
  expect(attemptsAllowed(setId)).toBe(attemptsBefore);
  await ta.close();
});
