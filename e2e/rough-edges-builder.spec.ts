// More rough edges of a term's use (issue 21), in the browser: the template builder names losses in
// the reader's language and its new set lands on its page as a draft that says so; on a 390 px
// phone only a formula cut at the edge is a keyboard stop, and it is named; an instructor's view of
// a student's attempts keeps every card's id unique (the result's "First divergence" anchors).
import { expect, test, type Page } from "@playwright/test";
import { joinDemoCourse, newStudent, noAxeViolations, signIn } from "./helpers";

async function openBuilder(page: Page) {
  await page.goto("/teach");
  await page.getByRole("link", { name: /backpropagation by hand \(demo\)/ }).click();
  await page.waitForURL(/\/teach\/courses\//);
  await page.getByRole("link", { name: "Template builder" }).click();
  await page.waitForURL(/\/builder$/);
}

test("the builder's losses are named in words, and its new set is a draft that says so on its page", async ({ page, context, baseURL }) => {
  await signIn(page, "teacher@handprop.test");
  await openBuilder(page);
  const losses = await page.locator('select[name="loss"] option').allTextContents();
  expect(losses).toContain("cross-entropy");
  expect(losses).toContain("mean squared error");
  expect(losses.filter((l) => l.includes("_"))).toEqual([]);
  const builderUrl = page.url();
  await page.locator('input[name="title"]').fill("Column draft");
  await page.locator('select[name="layout"]').selectOption("column");
  await page.locator('select[name="loss"]').selectOption("cross_entropy");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview: three variants" })).toBeVisible();
  // The quantities to ask are named in the lecture's notation, not by their keys.
  const asked = page.locator("fieldset").filter({ has: page.locator('input[name="asked"]') });
  await expect(asked).toContainText("∂L/∂W^l");
  await expect(asked).not.toContainText("W_new");
  await page.getByRole("button", { name: "Create a problem set with this exercise" }).click();
  await page.waitForURL(/\/teach\/sets\//);
  await expect(page.getByTestId("draft-notice")).toContainText("A draft: no student sees this set yet");
  await expect(page.getByTestId("set-status")).toContainText("Draft");
  // Its link goes to the status form.
  await page.getByTestId("draft-notice").getByRole("link", { name: "Publish it" }).click();
  await expect(page.locator("#life")).toBeInViewport();
  await noAxeViolations(page);
  // A Japanese instructor reads the losses in Japanese.
  await context.addCookies([{ name: "locale", value: "ja", url: baseURL! }]);
  await page.goto(builderUrl);
  const ja = await page.locator('select[name="loss"] option').allTextContents();
  expect(ja).toContain("交差エントロピー");
  expect(ja).not.toContain("cross-entropy");
});

test("on a 390 px phone a formula is a keyboard stop only while it is cut at the edge, and then it is named", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // An exercise with its worked solution: matrices and sums wider than a phone beside short formulas.
  await signIn(page, "teacher@handprop.test");
  await page.goto("/exercises/lecture-2-3-3-2");
  await expect(page.locator("#solution-heading")).toBeVisible();
  const boxes = () =>
    page.locator(".math-block").evaluateAll((els) =>
      els.map((el) => ({ cut: el.scrollWidth > el.clientWidth, stop: (el as HTMLElement).tabIndex === 0 && el.hasAttribute("tabindex"), label: el.getAttribute("aria-label") ?? "" })),
    );
  // The page's script has run: every box is a stop exactly when it is cut.
  await expect.poll(async () => (await boxes()).every((b) => b.cut === b.stop)).toBe(true);
  const all = await boxes();
  expect(all.some((b) => b.cut)).toBe(true);
  expect(all.some((b) => !b.cut)).toBe(true);
  for (const b of all.filter((x) => x.cut)) expect(b.label).not.toBe("");
  await noAxeViolations(page);
  // Resized, the boxes follow: still a stop exactly when cut.
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect.poll(async () => (await boxes()).every((b) => b.cut === b.stop)).toBe(true);
});

test("an instructor's view of a student's two attempts gives every card its own id", async ({ page, browser }) => {
  await signIn(page, newStudent("Twice Tried"));
  await joinDemoCourse(page);
  await page.goto("/dashboard");
  await page.locator('a[href^="/items/"]').first().click();
  await page.waitForURL(/\/work\//);
  const work = page.url();
  const variantId = new URL(work).pathname.split("/").pop()!;
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.goto(work);
    const cells = page.locator("fieldset.quantity").first().locator("input[data-cell]");
    for (let k = 0; k < (await cells.count()); k++) await cells.nth(k).fill(String(7 + attempt));
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Submit for grading" }).click();
    await page.waitForURL(/\/submissions\//);
  }
  const teacher = await (await browser.newContext()).newPage();
  await signIn(teacher, "teacher@handprop.test");
  await teacher.goto(`/teach/variants/${variantId}`);
  await expect(teacher.locator("article.result-item").first()).toBeVisible();
  const duplicates = await teacher.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((el) => el.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  expect(duplicates).toEqual([]);
  await noAxeViolations(teacher);
});
