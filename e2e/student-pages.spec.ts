// Every page a student sees, checked by axe in English and in Japanese; the exercise page on a
// 390 px phone (no cell clipped), on a wide screen (the given data stays in view), on paper (the
// print stylesheet), with its due date and attempts left at the top.
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { joinDemoCourse, newStudent, noAxeViolations, signIn, solutionOf, variantIdOf } from "./helpers";

const E2E_DB = join(process.cwd(), "tests", ".tmp", "e2e.db");

/**
 * A date as lib/i18n formatUtc writes it (that module imports its JSON messages in a way
 * Playwright's loader refuses, so its two lines are restated here): medium date, short time, UTC.
 */
const formatUtc = (d: Date, locale: "en" | "ja") => `${d.toLocaleString(locale === "en" ? "en-GB" : "ja-JP", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;

/** The language the app remembers (what its language menu sets): the "locale" cookie. */
async function useLanguage(context: BrowserContext, baseURL: string, locale: "en" | "ja") {
  await context.addCookies([{ name: "locale", value: locale, url: baseURL }]);
}

/** The problem set's due date in force for a variant (the demo set has no exceptions). */
function dueOf(variantId: string): Date {
  const db = new Database(E2E_DB, { readonly: true });
  const row = db.prepare("SELECT p.dueAt AS dueAt FROM Variant v JOIN ProblemSetItem i ON i.id = v.itemId JOIN ProblemSet p ON p.id = i.problemSetId WHERE v.id = ?").get(variantId) as { dueAt: string | number };
  db.close();
  return new Date(row.dueAt);
}

/** Opens the demo course's exercise whose dashboard link matches `name`; returns its items path. */
async function openExercise(page: Page, name: RegExp): Promise<string> {
  await page.goto("/dashboard");
  const link = page.locator('a[href^="/items/"]').filter({ hasText: name }).first();
  const href = (await link.getAttribute("href"))!;
  await page.goto(href);
  await page.waitForURL(/\/work\//);
  return href;
}

async function submitAttempt(page: Page) {
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: /Submit for grading|採点する/ }).click();
  await page.waitForURL(/\/submissions\//);
}

test("every student page passes axe in English and in Japanese", async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  for (const locale of ["en", "ja"] as const) {
    await context.clearCookies();
    await useLanguage(context, baseURL!, locale);
    await page.goto("/signin");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await noAxeViolations(page);
  }
  await context.clearCookies();
  await signIn(page, newStudent("Axel"));
  await joinDemoCourse(page);
  const item = await openExercise(page, /2-3-3-2/);
  const work = new URL(page.url()).pathname;
  await page.locator('fieldset[data-path="steps[0].loss"] input[data-cell]').fill("1/2");
  await submitAttempt(page);
  const result = new URL(page.url()).pathname;
  await page.goto("/practice");
  await page.getByRole("button", { name: /Start a new variant|新しい/ }).first().click();
  await page.waitForURL(/\/work\//);
  const practice = new URL(page.url()).pathname;
  for (const locale of ["en", "ja"] as const) {
    await useLanguage(context, baseURL!, locale);
    for (const path of ["/dashboard", item, work, result, "/practice", practice, "/account"]) {
      await page.goto(path);
      await expect(page.locator("html"), path).toHaveAttribute("lang", locale);
      await noAxeViolations(page);
    }
  }
});

test("the exercise page says when it is due and how many attempts are left, in the reader's language; practice has no due date", async ({ page, context, baseURL }) => {
  await signIn(page, newStudent("Dana"));
  await joinDemoCourse(page);
  await openExercise(page, /2-3-3-2/);
  const variantId = variantIdOf(page);
  const due = dueOf(variantId);
  await expect(page.getByTestId("due")).toHaveText(`Due ${formatUtc(due, "en")}`);
  await expect(page.getByTestId("attempts")).toHaveText("3 of 3 attempts left");
  await page.locator('fieldset[data-path="steps[0].loss"] input[data-cell]').fill("1/2");
  await submitAttempt(page);
  await page.goto(`/work/${variantId}`);
  await expect(page.getByTestId("attempts")).toHaveText("2 of 3 attempts left");
  await useLanguage(context, baseURL!, "ja");
  await page.reload();
  await expect(page.getByTestId("due")).toHaveText(`締切：${formatUtc(due, "ja")}`);
  await expect(page.getByTestId("attempts")).toHaveText("残り 2 回（全 3 回）");
  await useLanguage(context, baseURL!, "en");
  await page.goto("/practice");
  await page.getByRole("button", { name: /Start a new variant/ }).first().click();
  await page.waitForURL(/\/work\//);
  await expect(page.getByTestId("work-terms")).toHaveText(/no due date/);
});

/** Every grid cell whose box leaves its fieldset or the screen, unless it sits in a visible scroll box of its own. */
async function clippedCells(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5;
    for (const fieldset of document.querySelectorAll<HTMLFieldSetElement>("fieldset.quantity")) {
      const box = fieldset.getBoundingClientRect();
      const scroller = fieldset.querySelector<HTMLElement>(".grid-scroll");
      const scrolls = !!scroller && scroller.scrollWidth > scroller.clientWidth + 1;
      const scrollBox = scroller?.getBoundingClientRect();
      const shown = !!scrollBox && inside(scrollBox, box) && scrollBox.right <= window.innerWidth + 0.5 && scrollBox.left >= -0.5;
      for (const input of fieldset.querySelectorAll<HTMLInputElement>("input[data-cell]")) {
        const r = input.getBoundingClientRect();
        const fits = inside(r, box) && r.left >= -0.5 && r.right <= window.innerWidth + 0.5;
        if (!fits && !(scrolls && shown)) out.push(`${fieldset.dataset.path} ${input.dataset.cell}: ${Math.round(r.left)}–${Math.round(r.right)} in ${Math.round(box.left)}–${Math.round(box.right)}`);
      }
    }
    return out;
  });
}

test("on a 390 px phone no grid cell is clipped, and the given data opens in place and closes with Esc", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, newStudent("Pho"));
  await joinDemoCourse(page);
  for (const [name, shot] of [[/2-3-3-2/, "phone-390.png"], [/3-4-3/, "phone-390-column.png"]] as const) {
    await openExercise(page, name);
    const grids = page.locator("fieldset.quantity");
    expect(await grids.count()).toBeGreaterThan(10);
    expect(await clippedCells(page), String(name)).toEqual([]);
    // Three- and four-cell rows fit without scrolling at all.
    const scrolling = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>(".grid-scroll")].filter((s) => s.scrollWidth > s.clientWidth + 1).length);
    expect(scrolling, String(name)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `test-results/screenshots/${shot}`, fullPage: true });
  }
  // The panel: a button that stays at the top while the grids scroll, and opens the data over them.
  await page.locator("fieldset.quantity").last().scrollIntoViewIfNeeded();
  const toggle = page.getByRole("button", { name: "Given data" });
  await expect(toggle).toBeInViewport();
  await expect(page.locator("#given-panel-body")).toBeHidden();
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const body = page.locator("#given-panel-body");
  await expect(body).toBeInViewport();
  await expect(body.locator(".katex").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/phone-390-given-open.png" });
  await page.keyboard.press("Escape");
  await expect(body).toBeHidden();
  await expect(toggle).toBeFocused();
});

test("on a wide screen the given data stays beside the grids while the student scrolls, and the diagram carries the weights", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signIn(page, newStudent("Wide"));
  await joinDemoCourse(page);
  await openExercise(page, /2-3-3-2/);
  const { exercise } = solutionOf(variantIdOf(page));
  const panel = page.locator("#given-panel-body");
  for (const at of ["steps[0].layers[0].A", "steps[0].loss", "steps[0].layers[0].W_new"]) {
    await page.locator(`fieldset[data-path="${at}"]`).scrollIntoViewIfNeeded();
    await expect(panel, at).toBeInViewport();
    const [grid, side] = await Promise.all([page.locator(`fieldset[data-path="${at}"]`).boundingBox(), panel.boundingBox()]);
    expect(side!.x, "beside the grids, not over them").toBeGreaterThanOrEqual(grid!.x + grid!.width);
  }
  await expect(page.getByRole("button", { name: "Given data" })).toBeHidden();
  await expect(panel).toContainText("W");
  await expect(panel).toContainText("η");
  // Weights on the connections: exactly the given numbers (row layout: W[i][j] joins input i to unit j).
  await expect(page.locator(".diagram-scroll")).toHaveAttribute("data-labelled", "true");
  const shown = (x: number) => String(x).replace(/^-/, "−");
  for (const [l, layer] of exercise.layers.entries())
    for (const [i, row] of layer.weights.entries())
      for (const [j, w] of row.entries()) await expect(page.locator(`text[data-weight="${l + 1},${i + 1},${j + 1}"]`)).toHaveText(shown(w));
  await page.screenshot({ path: "test-results/screenshots/wide-given-panel.png" });
});

test("printed, the exercise is its data and an empty box per quantity, in the order of the grids, on A4", async ({ page }) => {
  await signIn(page, newStudent("Paper"));
  await joinDemoCourse(page);
  await openExercise(page, /3-4-3/);
  await expect(page.getByRole("button", { name: "Print for paper" })).toBeVisible();
  const grids = await page.locator("fieldset.quantity").evaluateAll((fs) => fs.map((f) => [(f as HTMLElement).dataset.path, f.querySelectorAll("input[data-cell]").length]));
  await page.emulateMedia({ media: "print" });
  // The boxes are drawn once the page is live (app/_components/print-blanks.tsx).
  await expect(page.locator(".print-blanks .blank")).toHaveCount(grids.length);
  const blanks = await page.locator(".print-blanks .blank").evaluateAll((bs) => bs.map((b) => [(b as HTMLElement).dataset.path, b.querySelectorAll("td").length]));
  expect(blanks).toEqual(grids);
  await expect(page.locator(".print-blanks .blank").first()).toBeVisible();
  await expect(page.locator(".print-blanks .blank-label").first()).toContainText("z");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("#given-heading")).toBeVisible();
  for (const hidden of [".site-header", "nav", ".given-panel", "fieldset.quantity >> nth=0", ".print-button", ".site-footer"]) await expect(page.locator(hidden).first(), hidden).toBeHidden();
  expect(await page.locator("button:visible").count()).toBe(0);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"));
  // A4 is 210 × 297 mm, 595.3 × 841.9 points (Chromium rounds the page to whole CSS pixels).
  expect(Math.abs(Number(box![1]) - 595.3)).toBeLessThan(2);
  expect(Math.abs(Number(box![2]) - 841.9)).toBeLessThan(2);
  await page.emulateMedia({ media: "screen" });
});
