// A set's life in the browser: a new set is a draft no student sees or can open, and appears on
// their dashboard once the teacher publishes it; a set scheduled to open later shows its opening
// date and no dead link; a course copied to a new term has its sets as drafts with shifted dates;
// removing a student goes through a confirmation page with the choice of leaving their work out.
import { expect, test, type Page } from "@playwright/test";
import { joinDemoCourse, newStudent, noAxeViolations, signIn } from "./helpers";

// Each test signs in three people on a shared 2-core machine: more than the default minute.
test.describe.configure({ timeout: 150_000 });

const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;

/** Creates a set of the lecture's exercise on the course page the teacher is on; returns its page and first exercise's id. */
async function createSet(teacher: Page, title: string, options: { publish?: boolean; opensAt?: string; dueAt?: string } = {}) {
  const form = teacher.locator("#new-set ~ form").first();
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form.getByLabel(/The lecture's exercise: 2-3-3-2/).check();
  if (options.opensAt) await form.getByLabel("Opens at (UTC)").fill(options.opensAt);
  if (options.dueAt) await form.getByLabel("Due at (UTC)").fill(options.dueAt);
  if (options.publish) await form.getByLabel(/Published: students see it/).check();
  await teacher.getByRole("button", { name: "Create problem set" }).click();
  await teacher.waitForURL(/\/teach\/sets\//);
  const href = await teacher.locator('a[href$="/template.json"]').first().getAttribute("href");
  return { setUrl: teacher.url(), itemId: href!.split("/")[3] };
}

async function demoCoursePage(teacher: Page) {
  await teacher.goto("/teach");
  await teacher.getByRole("link", { name: /Neural networks/ }).first().click();
  await teacher.waitForURL(/\/teach\/courses\//);
}

test("a draft set is invisible to students and appears when published; a scheduled one shows its opening date", async ({ browser }) => {
  const teacher = await (await browser.newContext()).newPage();
  await signIn(teacher, "teacher@handprop.test");
  await demoCoursePage(teacher);
  const courseUrl = teacher.url();
  const title = `Draft quiz ${stamp()}`;
  const { setUrl, itemId } = await createSet(teacher, title);
  await expect(teacher.getByTestId("set-status")).toContainText("Status: Draft.");

  const student = await (await browser.newContext()).newPage();
  await signIn(student, newStudent("Drafty Student"));
  await joinDemoCourse(student);
  await expect(student.getByRole("heading", { name: title })).toHaveCount(0);
  // The exercise's address, guessed or shared, leads nowhere while the set is a draft.
  await student.goto(`/items/${itemId}`);
  await expect(student.getByRole("heading", { name: "Page not found" })).toBeVisible();

  await teacher.goto(setUrl);
  // The select's accessible name includes its chosen option ("Status Draft"): found by its field name.
  await teacher.locator('select[name="status"]').selectOption("published");
  await teacher.getByRole("button", { name: "Save status" }).click();
  await expect(teacher.getByTestId("set-status")).toContainText("Status: Published.");

  await student.goto("/dashboard");
  await expect(student.getByRole("heading", { name: title })).toBeVisible();
  await student.getByTestId("dashboard-set").filter({ has: student.getByRole("heading", { name: title }) }).getByRole("link", { name: /The lecture's exercise/ }).click();
  await student.waitForURL(/\/work\//);

  // Published now, opening later: on the dashboard with its date, the exercise named but not linked.
  await teacher.goto(courseUrl);
  const later = `Later quiz ${stamp()}`;
  const scheduled = await createSet(teacher, later, { publish: true, opensAt: "2030-06-01T09:00", dueAt: "2030-06-08T09:00" });
  await student.goto("/dashboard");
  const block = student.getByTestId("dashboard-set").filter({ has: student.getByRole("heading", { name: later }) });
  await expect(block.getByTestId("opens-at")).toHaveText("Opens 1 Jun 2030, 09:00 UTC");
  await expect(block.getByRole("link")).toHaveCount(0);
  await expect(block.getByText(/The lecture's exercise/)).toBeVisible();
  await noAxeViolations(student);
  await student.goto(`/items/${scheduled.itemId}`);
  await expect(student.getByRole("heading", { name: "Not open yet" })).toBeVisible();
  await expect(student.getByTestId("not-open-yet")).toContainText("1 Jun 2030, 09:00 UTC");
});

test("a course copied to a new term has its sets as drafts, dates shifted; removing a student asks first", async ({ browser }) => {
  const teacher = await (await browser.newContext()).newPage();
  await signIn(teacher, "teacher@handprop.test");
  await teacher.goto("/teach");
  const spring = `Spring term ${stamp()}`;
  await teacher.getByLabel("Title").fill(spring);
  await teacher.getByRole("button", { name: "Create course" }).click();
  await teacher.waitForURL(/\/teach\/courses\//);
  await createSet(teacher, "Week 1", { publish: true, opensAt: "2030-04-06T00:00", dueAt: "2030-04-13T09:00" });
  await teacher.getByRole("link", { name: "← Course" }).click();
  await teacher.waitForURL(/\/teach\/courses\//);

  await teacher.getByLabel("Title of the copy").fill(`Autumn term ${stamp()}`);
  await teacher.getByLabel("Move the dates by (days)").fill("182");
  await teacher.getByRole("button", { name: "Copy the course" }).click();
  await expect(teacher.getByRole("heading", { name: /^Autumn term/ })).toBeVisible();
  const line = teacher.locator("li", { has: teacher.getByRole("link", { name: "Week 1" }) });
  await expect(line).toContainText("Draft");
  await expect(line).toContainText("due 2030-10-12 09:00 UTC");
  await line.getByRole("link", { name: "Week 1" }).click();
  await expect(teacher.getByText(/opens 2030-10-05 00:00 UTC/)).toBeVisible();

  // Removing a student: a confirmation page, where the teacher leaves their work out of the statistics.
  const leaver = `Leaving Student ${stamp()}`;
  const student = await (await browser.newContext()).newPage();
  await signIn(student, newStudent(leaver));
  await joinDemoCourse(student);
  await demoCoursePage(teacher);
  // The demo course's roster has many pages by now: found by its search.
  const findInRoster = async () => {
    await teacher.getByLabel("Find a student (name, email or student number)").fill(leaver);
    await teacher.getByRole("button", { name: "Search", exact: true }).click();
  };
  await findInRoster();
  await teacher.getByRole("link", { name: `Remove ${leaver}` }).click();
  await teacher.waitForURL(/\/remove\//);
  await expect(teacher.getByRole("heading", { name: `Remove ${leaver} from the course?` })).toBeVisible();
  await expect(teacher.getByLabel("Keep counting it (marked as removed)")).toBeChecked();
  await noAxeViolations(teacher);
  await teacher.getByLabel("Leave it out of the statistics").check();
  await teacher.getByRole("button", { name: `Remove ${leaver}` }).click();
  await teacher.waitForURL(/\/teach\/courses\/[^/]+#roster$/);
  await findInRoster();
  await expect(teacher.locator("tr", { hasText: leaver })).toContainText("not counted in statistics");
});
