// Exceptions in the browser: on a quiz of the demo course whose due date has passed, the teacher
// gives one student an extension on the set's page; that student's exercise page says so and takes
// their answers, while a classmate without one is refused (the page and the submission route). A
// manual score with a reason then shows to the student and in the grade export.
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { fill, joinDemoCourse, newStudent, noAxeViolations, signIn, variantIdOf } from "./helpers";

const E2E_DB = join(process.cwd(), "tests", ".tmp", "e2e.db");
const HOUR = 3600_000;
/** A date as the app's SQLite rows hold it. */
const stored = (d: Date) => d.toISOString().replace("Z", "+00:00");

/**
 * A quiz in the demo course, due an hour ago, with the demo set's first exercise: made in the
 * database (as a seed would), so that the test does not wait for a real due date to pass.
 */
function closedQuiz(title: string): { courseId: string; setId: string; itemId: string } {
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 5000");
  const course = db.prepare("SELECT id FROM Course WHERE joinCode = 'DEMO2026'").get() as { id: string };
  const source = db.prepare("SELECT i.templateJson, i.templateId, i.title FROM ProblemSetItem i JOIN ProblemSet p ON p.id = i.problemSetId WHERE p.courseId = ? ORDER BY p.createdAt, i.position LIMIT 1").get(course.id) as { templateJson: string; templateId: string; title: string };
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const setId = `e2e-set-${stamp}`;
  const itemId = `e2e-item-${stamp}`;
  const now = new Date();
  db.prepare("INSERT INTO ProblemSet (id, courseId, title, dueAt, attemptsAllowed, revealPolicy, carriedCredit, latePolicy, latePenalty, createdAt) VALUES (?, ?, ?, ?, 2, 'never', 1, 'refuse', 0, ?)").run(setId, course.id, title, stored(new Date(now.getTime() - HOUR)), stored(now));
  db.prepare("INSERT INTO ProblemSetItem (id, problemSetId, position, templateJson, templateId, title) VALUES (?, ?, 0, ?, ?, ?)").run(itemId, setId, source.templateJson, source.templateId, source.title);
  db.close();
  return { courseId: course.id, setId, itemId };
}

/** A new student who joined the demo course and opened the quiz's exercise; their variant id. */
async function studentOnQuiz(page: Page, name: string, itemId: string): Promise<string> {
  await signIn(page, newStudent(name));
  await joinDemoCourse(page);
  await page.goto(`/items/${itemId}`);
  await page.waitForURL(/\/work\//);
  return variantIdOf(page);
}

const letters = () => Array.from({ length: 6 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");

test("an extension lets one student submit after the due date while another is refused; a manual score shows to the student and in the export", async ({ browser, page }) => {
  const quiz = closedQuiz(`Closed quiz ${letters()}`);
  const late = `Late ${letters()}`;
  const onTime = `Ontime ${letters()}`;
  const lateStudent = await browser.newPage();
  const lateVariant = await studentOnQuiz(lateStudent, late, quiz.itemId);
  const classmate = await browser.newPage();
  const classmateVariant = await studentOnQuiz(classmate, onTime, quiz.itemId);

  // The teacher gives the first student a later due date, with a reason.
  await page.bringToFront();
  await signIn(page, "teacher@handprop.test");
  await page.goto(`/teach/sets/${quiz.setId}`);
  const exceptionForm = page.locator('form[aria-labelledby="exception-form"]');
  await exceptionForm.getByLabel("Student", { exact: true }).selectOption({ label: late });
  await exceptionForm.getByLabel("Their due date (UTC)").fill(new Date(Date.now() + 48 * HOUR).toISOString().slice(0, 16));
  await exceptionForm.getByLabel("Reason (shown to the student)").fill("hospital stay");
  await exceptionForm.getByRole("button", { name: "Save the exception" }).click();
  const row = page.getByTestId("exceptions-table").locator(`tr[data-student="${late}"]`);
  await expect(row).toContainText("hospital stay");
  await noAxeViolations(page);

  // The extended student is told, and their answer is taken (not late).
  await lateStudent.bringToFront();
  await lateStudent.reload();
  await expect(lateStudent.getByTestId("personal-terms")).toContainText("extended by your instructor");
  await fill(lateStudent, "steps[0].loss", 1);
  await lateStudent.getByRole("button", { name: "Submit for grading" }).click();
  await lateStudent.waitForURL(/\/submissions\//);

  // The classmate has no attempt left on the page, and the submission route refuses them.
  await classmate.bringToFront();
  await classmate.reload();
  await expect(classmate.getByText("No attempts left.")).toBeVisible();
  await expect(classmate.getByTestId("personal-terms")).toHaveCount(0);
  const refused = await classmate.request.post(`/api/variants/${classmateVariant}/submissions`, { data: { answers: { "steps[0].loss": [["1"]] }, idempotencyKey: `e2e-refused-${letters()}` } });
  expect(refused.status()).toBe(409);
  expect(await refused.text()).toContain("The due date has passed");

  // A manual score with a reason, given by the teacher.
  await page.bringToFront();
  await page.reload();
  const manualForm = page.locator('form[aria-labelledby="manual-form"]');
  await manualForm.getByLabel("Student", { exact: true }).selectOption({ label: late });
  await manualForm.getByLabel("Score", { exact: true }).fill("2");
  await manualForm.getByLabel("Reason (shown to the student)").fill("worked it out on paper");
  await manualForm.getByRole("button", { name: "Save the manual score" }).click();
  await expect(row).toContainText("worked it out on paper");
  const max = (await row.textContent())!.match(/: 2\/(\d+(?:\.\d+)?)/)![1];

  // The student sees it on the exercise page and the dashboard.
  await lateStudent.bringToFront();
  await lateStudent.goto(`/work/${lateVariant}`);
  await expect(lateStudent.getByTestId("personal-terms")).toContainText(`Manual score 2/${max}: worked it out on paper`);
  await lateStudent.goto("/dashboard");
  await expect(lateStudent.getByTestId("adjustments")).toContainText(`manual score 2/${max}: worked it out on paper`);
  await expect(lateStudent.getByTestId("adjustments")).toContainText("extended by your instructor");

  // The export: the quiz's column holds the manual score, the last column says why.
  const csv = await (await page.request.get(`/teach/courses/${quiz.courseId}/grades.csv`)).text();
  const line = csv.split("\r\n").find((l) => l.startsWith(late))!;
  expect(line).toContain(",2,");
  expect(line).toContain(`: 2/${max} (worked it out on paper)`);
  const classmateLine = csv.split("\r\n").find((l) => l.startsWith(onTime))!;
  expect(classmateLine).not.toContain("worked it out on paper");
});
