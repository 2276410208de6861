// The rough edges of a term's use (issue 21), each in the browser: a skip link to the first answer
// cell; "First divergence" linking to its card; wide formulas and the diagram that say they scroll
// on a 390 px phone; the exercise catalogue's facts in Japanese; no bias wording for a network
// without biases.
import { expect, test } from "@playwright/test";
import { joinDemoCourse, newStudent, noAxeViolations, signIn } from "./helpers";

test("a keyboard user skips to the first answer cell, and the result's first divergence links to its card", async ({ page }) => {
  await signIn(page, newStudent("Skipper"));
  await joinDemoCourse(page);
  await page.goto("/dashboard");
  await page.locator('a[href^="/items/"]').first().click();
  await page.waitForURL(/\/work\//);
  // The skip link comes early in the tab order (right after the site header), and Enter puts the
  // focus in the first cell: a few keys instead of 25 Tabs.
  const skip = page.getByTestId("skip-to-cells");
  const before = await skip.evaluate((link) => {
    const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')].filter((el) => !el.hasAttribute("disabled"));
    return focusable.indexOf(link as HTMLElement);
  });
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(15);
  await skip.focus();
  await page.keyboard.press("Enter");
  const first = page.locator("input[data-cell]").first();
  await expect(first).toBeFocused();
  await page.keyboard.type("7");
  await expect(first).toHaveValue("7");
  // A wrong first quantity (every cell 7): the result names it, and the name is a link to its card.
  const cells = page.locator("fieldset.quantity").first().locator("input[data-cell]");
  for (let k = 1; k < (await cells.count()); k++) await cells.nth(k).fill("7");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await page.waitForURL(/\/submissions\//);
  const link = page.getByTestId("first-divergence-link");
  const target = (await link.getAttribute("href"))!.slice(1);
  await link.click();
  await expect(page.locator(`#${target}`)).toBeInViewport();
  await expect(page.locator(`#${target}`)).toHaveClass(/first-divergence/);
  await noAxeViolations(page);
});

test("on a 390 px phone a formula or the diagram wider than the screen scrolls in its box and shows a shadow at its edge", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, newStudent("Phone Scroller"));
  await joinDemoCourse(page);
  await page.goto("/dashboard");
  await page.locator('a[href^="/items/"]').first().click();
  await page.waitForURL(/\/work\//);
  const wide = page.locator(".math-block, .diagram-scroll");
  const count = await wide.count();
  let overflowing = 0;
  for (let i = 0; i < count; i++) {
    const box = wide.nth(i);
    const { scroll, client, background, focusable } = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, background: getComputedStyle(el).backgroundImage, focusable: (el as HTMLElement).tabIndex === 0 }));
    if (scroll <= client + 1) continue;
    overflowing++;
    expect(background).toContain("radial-gradient");
    expect(focusable).toBe(true);
  }
  expect(overflowing).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test("the catalogue's facts are in Japanese for a Japanese reader, and an exercise without biases never mentions them", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "locale", value: "ja", url: baseURL! }]);
  await page.goto("/exercises/lecture-2-3-3-2");
  const facts = page.locator("dl.summary");
  await expect(facts).toContainText("交差エントロピー");
  await expect(facts).toContainText("行形式");
  await expect(facts).not.toContainText("cross-entropy");
  await expect(facts).not.toContainText("row layout");
  await context.clearCookies();
  await page.goto("/exercises/column-3-4-3-softmax");
  await expect(page.locator("body")).not.toContainText("each unit with its bias");
  await expect(page.locator("body")).not.toContainText(/the bias .* is a (row|column) vector/);
});
