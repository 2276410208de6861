import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { fill, noAxeViolations, signIn, signInFirstTime, solutionOf, variantIdOf } from "./helpers";

const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: true });

test("an instructor builds a course and a problem set, watches a student's mistake appear in the statistics, drills in and exports grades", async ({ page, browser }) => {
  // A fresh address per run, so that a retry (or a second run on the same database) creates the account anew.
  const email = `ichiro.${Date.now().toString(36)}@example.jp`;
  await signIn(page, "teacher@handprop.test");
  await page.goto("/teach");
  await page.getByLabel("Title").fill("Backprop seminar");
  await page.getByRole("button", { name: "Create course" }).click();
  await page.waitForURL(/\/teach\/courses\//);
  expect((await page.getByTestId("join-code").textContent())!.trim()).toMatch(/^[A-Z2-9]{8}$/);
  await page.getByLabel("Rows of “name,email”").fill(`name,email\n鈴木 一郎,${email}\nbroken line,not-an-email`);
  await page.getByRole("button", { name: "Add students" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 added, 1 rejected" })).toBeVisible();
  await expect(page.getByText("is not an email address")).toBeVisible();
  // The new account's initial password is shown once, in the report.
  const initialPassword = (await page.getByRole("status").locator("code").first().textContent())!.trim();

  await page.locator("#new-set ~ form").getByLabel("Title", { exact: true }).fill("Week 1 quiz");
  await page.getByLabel(/The lecture's exercise: 2-3-3-2/).check();
  await page.getByLabel("Due at (UTC)").first().fill("2030-06-01T09:00");
  await page.getByLabel("Attempts allowed").fill("2");
  await page.getByLabel("Credit for carried-forward answers (0 to 1)").fill("0.5");
  // New sets start as drafts: this one goes to the class at once.
  await page.getByLabel(/Published: students see it/).check();
  await page.getByRole("button", { name: "Create problem set" }).click();
  await page.waitForURL(/\/teach\/sets\//);
  const setUrl = page.url();
  await expect(page.getByText("due 2030-06-01 09:00 UTC")).toBeVisible();
  await noAxeViolations(page);

  // The student added by CSV signs in with that password and makes the lecture's mistake in ∂L/∂X^3.
  const student = await browser.newPage();
  // Headless chromium may stop painting frames for a page that is not in front, and a click waits for frames.
  await student.bringToFront();
  await signInFirstTime(student, email, initialPassword);
  await student.getByRole("link", { name: /The lecture's exercise/ }).click();
  await student.waitForURL(/\/work\//);
  const { solution } = solutionOf(variantIdOf(student));
  const step = solution.steps[0];
  for (let l = 0; l < 3; l++) {
    await fill(student, `steps[0].layers[${l}].A`, step.layers[l].A);
    await fill(student, `steps[0].layers[${l}].X`, step.layers[l].X);
  }
  await fill(student, "steps[0].loss", step.loss);
  await fill(student, "steps[0].layers[2].dX", [[-8.4, 8.4]]);
  await student.getByRole("button", { name: "Submit for grading" }).click();
  await student.waitForURL(/\/submissions\//);

  // The statistics show it: the whole class (one student) diverges at ∂L/∂X^3.
  await page.bringToFront();
  await page.goto(setUrl);
  const row = page.locator('[data-testid="heatmap"] tr[data-path="steps[0].layers[2].dX"]');
  await expect(row.locator("td").first()).toHaveText("100%");
  // Counted in students: one student, the whole class.
  await expect(page.locator('[data-testid="mistakes"] li[data-misconception="cross_entropy_derivative_extra_terms"]')).toContainText("Extra terms in the cross-entropy derivative: 1 student (100%)");
  await shot(page, "instructor-statistics");
  await page.getByRole("link", { name: "鈴木 一郎" }).first().click();
  await page.waitForURL(/\/teach\/variants\//);
  await expect(page.locator('article[data-path="steps[0].layers[2].dX"]')).toHaveAttribute("data-verdict", "incorrect");
  await shot(page, "instructor-drill-down");
  await noAxeViolations(page);

  // Grades as CSV: BOM, Japanese names, one column per problem set.
  await page.goto(setUrl);
  await page.getByRole("link", { name: "← Course" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export grades (CSV)" }).click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  expect(csv).toContain("Week 1 quiz");
  expect(csv).toMatch(new RegExp(`鈴木 一郎,${email.replace(/\./g, "\\.")},,enrolled,\\d+(\\.\\d+)?,\\d`));
  expect(csv.split("\r\n")[0]).toMatch(/^\uFEFFname,email,student_number,status,Week 1 quiz \(\/26\),total,manual scores$/);
  await shot(page, "instructor-course");
});

test("students and strangers never reach instructor pages or exports", async ({ page, request }) => {
  expect((await request.get("/teach/courses/x/grades.csv")).status()).toBe(401);
  await signIn(page, "alice@handprop.test");
  for (const path of ["/teach", "/teach/courses/anything", "/teach/sets/anything", "/teach/variants/anything"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  // Course access comes from the course (lib/access.ts): one the asker is not in is "not found".
  const course = await page.request.get("/teach/courses/anything/grades.csv");
  expect(course.status()).toBe(404);
});

test("an instructor designs a new exercise in the browser, previews its variants with worked solutions, and assigns it", async ({ page }) => {
  await signIn(page, "teacher@handprop.test");
  await page.goto("/teach");
  await page.getByRole("link", { name: /backpropagation by hand \(demo\)/ }).click();
  await page.waitForURL(/\/teach\/courses\//);
  await page.getByRole("link", { name: "Template builder" }).click();
  // Client-side navigation: wait for the builder before typing (the course page has a "title" field too).
  await page.waitForURL(/\/builder$/);
  await expect(page.getByRole("heading", { name: "Template builder" })).toBeVisible();
  await page.locator('input[name="title"]').fill("Tanh warm-up");
  await page.locator('input[name="sizes"]').fill("2,2,1");
  await page.locator('input[name="activations"]').fill("tanh,identity");
  await page.locator('select[name="loss"]').selectOption("half_sse");
  await page.locator('select[name="targets"]').selectOption("range");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview: three variants" })).toBeVisible();
  await expect(page.locator("details").first()).toContainText("tanh");
  await noAxeViolations(page);
  await shot(page, "instructor-template-builder");
  await page.getByRole("button", { name: "Create a problem set with this exercise" }).click();
  await page.waitForURL(/\/teach\/sets\//);
  await expect(page.getByRole("heading", { name: "Tanh warm-up" }).first()).toBeVisible();
  await expect(page.getByTestId("set-history")).toContainText("created the set with 1 exercise.");
});
