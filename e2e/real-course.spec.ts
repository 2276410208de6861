// A real course in the browser (issue 21): a course that lives in Asia/Tokyo, whose due dates an
// instructor types as Tokyo wall-clock times and a Japanese student reads as such (a set due
// "2027-01-15 23:59", and one due in a minute or two that takes a submission before its due time and
// refuses one after, with no late window); a refused new-set form that keeps what was typed; and a
// registrar's Shift_JIS roster of 300 with student numbers, whose numbers the grade CSV carries.
import iconv from "iconv-lite";
import { formatInTimeZone } from "date-fns-tz";
import { expect, test, type Page } from "@playwright/test";
import { japanesePeople, registrarCsv, studentNumberOf } from "../tests/roster-fixture";
import { fill, newStudent, noAxeViolations, signIn } from "./helpers";

const ZONE = "Asia/Tokyo";
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** A course of the teacher's, in Tokyo time; its page's address and join code. */
async function tokyoCourse(page: Page, title: string) {
  await page.goto("/teach");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Time zone (dates are entered and shown in it)").selectOption(ZONE);
  await page.getByRole("button", { name: "Create course" }).click();
  await page.waitForURL(/\/teach\/courses\/[^/?#]+$/);
  return { url: page.url(), joinCode: (await page.getByTestId("join-code").textContent())!.trim() };
}

/** Fills the new-set form: a title, the first built-in exercise, published, due at a Tokyo wall-clock time. */
async function newSet(page: Page, title: string, due: string, { template = true } = {}) {
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create problem set" }) });
  await form.getByLabel("Title").fill(title);
  if (template) await form.getByRole("checkbox").first().check();
  await form.getByLabel(`Due at (${ZONE})`).fill(due);
  await form.getByLabel("Published: students see it (from its opening date, if it has one)").check();
  await form.getByRole("button", { name: "Create problem set" }).click();
}

test("a Tokyo course: due dates typed and read in Tokyo time, a submission taken before and refused after, a refused form kept", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, "teacher@handprop.test");
  const course = await tokyoCourse(page, `東京のコース ${stamp()}`);

  // A refused form (no exercise ticked) comes back with what was typed, its message beside it.
  await newSet(page, "Week 1 — due in January", "2027-01-15T23:59", { template: false });
  await expect(page).toHaveURL(/on=new-set/);
  const form = page.locator("form", { has: page.getByRole("button", { name: "Create problem set" }) });
  await expect(page.locator("#new-set-error")).toBeVisible();
  await expect(form.getByLabel("Title")).toHaveValue("Week 1 — due in January");
  await expect(form.getByLabel(`Due at (${ZONE})`)).toHaveValue("2027-01-15T23:59");
  await expect(form.getByLabel("Published: students see it (from its opening date, if it has one)")).toBeChecked();
  await noAxeViolations(page);
  await form.getByRole("checkbox").first().check();
  await form.getByRole("button", { name: "Create problem set" }).click();
  await page.waitForURL(/\/teach\/sets\//);

  // A second set, due at the next Tokyo minute that leaves time to submit (no late work).
  await page.goto(course.url);
  const due = new Date(Math.ceil((Date.now() + 50_000) / 60_000) * 60_000);
  await newSet(page, "Due in a minute", formatInTimeZone(due, ZONE, "yyyy-MM-dd'T'HH:mm"));
  await page.waitForURL(/\/teach\/sets\//);

  // A Japanese student reads both due dates as Tokyo times.
  const context = await browser.newContext();
  const student = await context.newPage();
  await signIn(student, newStudent(`Tokyo Student ${stamp()}`));
  await student.goto("/dashboard");
  await student.getByLabel("Join code").fill(course.joinCode);
  await student.getByRole("button", { name: "Join", exact: true }).click();
  await context.addCookies([{ name: "locale", value: "ja", url: new URL(page.url()).origin }]);
  await student.goto("/dashboard");
  const january = student.getByTestId("dashboard-set").filter({ hasText: "Week 1" });
  await expect(january.getByTestId("standing")).toContainText("締切");
  await expect(january.getByTestId("standing")).toContainText("2027/01/15 23:59 (Asia/Tokyo, GMT+9)");
  const soon = student.getByTestId("dashboard-set").filter({ hasText: "Due in a minute" });
  await expect(soon.getByTestId("standing")).toContainText(formatInTimeZone(due, ZONE, "H:mm"));
  await noAxeViolations(student);

  // Before its due time: taken.
  await soon.getByRole("link").first().click();
  await student.waitForURL(/\/work\//);
  await expect(student.getByTestId("standing")).toHaveAttribute("data-standing", "open");
  const workUrl = student.url();
  await fill(student, "steps[0].loss", 1);
  expect(Date.now()).toBeLessThan(due.getTime() - 5_000);
  await student.getByRole("button", { name: "採点する" }).click();
  await student.waitForURL(/\/submissions\//);

  // One minute past it (the next minute in Tokyo): refused, and the page says it is closed.
  await student.waitForTimeout(Math.max(0, due.getTime() + 1_000 - Date.now()));
  await student.goto(workUrl);
  await expect(student.getByTestId("standing")).toHaveAttribute("data-standing", "closed");
  const variantId = new URL(workUrl).pathname.split("/").pop();
  const refused = await student.request.post(`/api/variants/${variantId}/submissions`, { data: { answers: { "steps[0].loss": [["2"]] }, idempotencyKey: `e2e-tokyo-${stamp()}` } });
  expect(refused.status()).toBe(409);
  await context.close();
});

test("a registrar's Shift_JIS roster of 300 with student numbers imports, and the grade CSV carries the numbers", async ({ page }) => {
  await signIn(page, "teacher@handprop.test");
  const course = await tokyoCourse(page, `名簿 ${stamp()}`);
  const people = japanesePeople(300, `reg${stamp()}`);
  await page.getByLabel("or a CSV file").setInputFiles({ name: "学籍簿.csv", mimeType: "text/csv", buffer: iconv.encode(registrarCsv(people), "cp932") });
  await page.getByRole("button", { name: "Add students" }).click();
  await expect(page.getByTestId("import-report").filter({ hasText: "300 added, 0 rejected" })).toBeVisible({ timeout: 15_000 });
  // Numbers beside the names, and found by the roster's search.
  await page.getByLabel("Find a student (name, email or student number)").fill(studentNumberOf(122));
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("roster-table").getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("cell", { name: studentNumberOf(122), exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: people[122].name, exact: true })).toBeVisible();
  const csv = (await (await page.request.get(`${new URL(course.url).pathname}/grades.csv`)).text()).replace(/^\uFEFF/, "");
  const [header, ...rows] = csv.split("\r\n").filter(Boolean).map((l) => l.split(","));
  expect(header.slice(0, 4)).toEqual(["name", "email", "student_number", "status"]);
  expect(new Map(rows.map((r) => [r[1], r[2]]))).toEqual(new Map(people.map((p, i) => [p.email, studentNumberOf(i)])));
});
