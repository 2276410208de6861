// The language menu applies at once (no button), keeps the focus for keyboard users, still works
// without JavaScript; a Japanese reader sees the exercises' Japanese titles on the dashboard and
// the exercise page.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { joinDemoCourse, newStudent, noAxeViolations, signIn } from "./helpers";

const messages = (l: string) => JSON.parse(readFileSync(join(process.cwd(), "lib", "i18n", "messages", `${l}.json`), "utf8")) as { dashboard: { title: string }; nav: { language: string } };
const [en, ja, ko] = ["en", "ja", "ko"].map(messages);
/** The first exercise of the demo set, as its template names it in each language. */
const lecture = JSON.parse(readFileSync(join(process.cwd(), "exercises", "lecture-2-3-3-2-random.json"), "utf8")) as { title: string; title_ja: string; title_ko: string };

const menu = (page: Page) => page.locator("select[name=locale]");
const cookieLocale = async (page: Page) => (await page.context().cookies()).find((c) => c.name === "locale")?.value;

test("choosing 日本語 switches the page at once, and the exercises are named in Japanese", async ({ page }) => {
  await signIn(page, newStudent("Hanako"));
  await joinDemoCourse(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en.dashboard.title);
  await expect(page.getByRole("link", { name: lecture.title }).first()).toBeVisible();
  // No submit button to press while scripts run: the menu alone.
  await expect(page.locator("form[action='/api/locale'] button")).toHaveCount(0);

  const reloaded = page.waitForEvent("load", { timeout: 3000 }).then(() => true, () => false);
  await menu(page).focus();
  await menu(page).selectOption("ja");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ja.dashboard.title);
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page.getByRole("link", { name: lecture.title_ja }).first()).toBeVisible();
  await expect(page.getByRole("combobox", { name: ja.nav.language })).toBeFocused();
  // Refreshed in place, not reloaded: what the page holds stays.
  expect(await reloaded).toBe(false);
  expect(await cookieLocale(page)).toBe("ja");
  await noAxeViolations(page);

  await page.getByRole("link", { name: lecture.title_ja }).first().click();
  await page.waitForURL(/\/work\//);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lecture.title_ja);
  await page.screenshot({ path: "test-results/screenshots/exercise-ja-title.png" });
  await noAxeViolations(page);

  // On the exercise page too, and in Korean.
  await menu(page).selectOption("ko");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lecture.title_ko);
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
});

test("arrow keys on the closed menu land on the language the reader stopped at, focus kept", async ({ page }) => {
  await signIn(page, newStudent("Minji"));
  await menu(page).focus();
  // en → ja → ko, each step a change event in Chromium.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ko.dashboard.title);
  await expect(menu(page)).toBeFocused();
  await expect(menu(page)).toHaveValue("ko");
  expect(await cookieLocale(page)).toBe("ko");
  // Back up one step: Japanese, still from the keyboard.
  await page.keyboard.press("ArrowUp");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ja.dashboard.title);
  await expect(menu(page)).toBeFocused();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
});

test("without JavaScript the menu's button still changes the language", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await menu(page).selectOption("ja");
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await expect(page).toHaveURL(/\/$/);
  await context.close();
});

test("what a Japanese input method types is read, and a comma is explained in Japanese", async ({ page }) => {
  await signIn(page, newStudent("Kenji"));
  await menu(page).selectOption("ja");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  const preview = async (data: object) => (await page.request.post("/api/preview", { data })).json();
  expect(await preview({ text: "－１．５" })).toEqual({ ok: true, display: "-1.5" });
  // Shown as a decimal or kept as the fraction typed, either way three quarters.
  expect((await preview({ text: "３／４" })).display).toMatch(/^(0\.75|3\/4)$/);
  // A pasted row: full-width digits, with full-width spaces or 、 between cells.
  for (const matrix of ["１．５　２　０。２５", "１．５、２、０。２５"]) {
    const row = await preview({ matrix, rows: 1, cols: 3 });
    expect(row, matrix).toMatchObject({ ok: true });
    expect((row.cells as string[][])[0].map((c) => Number(c.normalize("NFKC").replace("。", "."))), matrix).toEqual([1.5, 2, 0.25]);
  }
  const comma = await preview({ text: "1、5" });
  expect(comma.ok).toBe(false);
  expect(comma.message).toBe("「1、5」：小数点はピリオドで書いてください（1.5）");
});
