// A flaky network or a restarting server during the rush, seen from the student's page: a failing
// autosave says so (aria-live) and is retried with growing pauses until it succeeds; a submit whose
// answer was lost is sent again with the same idempotency key and counts once. Never a silent loss.
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { joinDemoCourse, newStudent, signIn, variantIdOf } from "./helpers";

const E2E_DB = join(process.cwd(), "tests", ".tmp", "e2e.db");

async function openExercise(page: Page) {
  await signIn(page, newStudent("Rush"));
  await joinDemoCourse(page);
  await page.getByRole("link", { name: /2-3-3-2/ }).first().click();
  await page.waitForURL(/\/work\//);
  return variantIdOf(page);
}

const lossCell = (page: Page) => page.locator('fieldset[data-path="steps[0].loss"] input[data-cell]');

test("a failing autosave says it is not saved, retries with growing pauses, then saves", async ({ page }) => {
  const variantId = await openExercise(page);
  const sent: number[] = [];
  let failures = 2;
  await page.route("**/api/variants/*/draft", async (route) => {
    sent.push(Date.now());
    if (failures-- === 2) return route.abort("connectionreset"); // the server went away
    if (failures >= 0) return route.fulfill({ status: 502, body: "Bad Gateway" }); // the proxy says so
    return route.continue();
  });
  await lossCell(page).fill("0.6931");
  const status = page.locator("p.save-status");
  await expect(status).toHaveAttribute("aria-live", "polite");
  await expect(status).toHaveAttribute("role", "status");
  // Said while it fails, and where a screen reader hears it.
  await expect(status).toContainText(/Not saved yet: trying again in \d+ s/);
  await expect(status).toHaveAttribute("data-save", "retrying");
  await expect(status).toHaveText("All changes saved", { timeout: 20_000 });
  expect(sent).toHaveLength(3);
  // The pause grows: about 1 s, then about 2 s (±25%).
  expect(sent[2] - sent[1]).toBeGreaterThan(sent[1] - sent[0]);
  // Saved on the server, not only in this browser.
  await page.unroute("**/api/variants/*/draft");
  await page.evaluate((id) => localStorage.removeItem(`handprop:draft:${id}`), variantId);
  await page.reload();
  await expect(lossCell(page)).toHaveValue("0.6931");
});

test("a submit whose answer was lost is sent again with the same key, and is recorded once", async ({ page }) => {
  const variantId = await openExercise(page);
  await lossCell(page).fill("0.6931");
  await expect(page.locator("p.save-status")).toHaveText("All changes saved", { timeout: 10_000 });
  const keys: string[] = [];
  await page.route("**/api/variants/*/submissions", async (route) => {
    keys.push((JSON.parse(route.request().postData() ?? "{}") as { idempotencyKey: string }).idempotencyKey);
    if (keys.length === 1) {
      // The server records the attempt, and its answer never reaches the browser.
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByText(/The connection was lost while grading: trying again/)).toBeVisible();
  await page.waitForURL(/\/submissions\//);
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
  const db = new Database(E2E_DB, { readonly: true });
  const { n } = db.prepare("SELECT COUNT(*) AS n FROM Submission WHERE variantId = ?").get(variantId) as { n: number };
  db.close();
  expect(n).toBe(1);
  await expect(page.getByRole("heading", { name: /attempt 1\b/i })).toBeVisible();
});
