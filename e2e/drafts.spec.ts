// One student, two browsers (a laptop and a phone, say) on one exercise: each cell keeps its newest
// entry wherever it was typed. A save brings in what the other typed; a focus of the window reads
// the draft back; the cell being typed in is left alone; a copy kept offline in one browser adds
// its newer cells and never overwrites newer work from the other.
import { expect, test, type Page } from "@playwright/test";
import { newStudent, signIn } from "./helpers";

const cellsOf = (page: Page, path: string) => page.locator(`fieldset[data-path="${path}"] input[data-cell]`);
const draftCall = (page: Page, method: "GET" | "PUT") => page.waitForResponse((r) => r.url().endsWith("/draft") && r.request().method() === method && r.ok(), { timeout: 15_000 });
/** Runs `act` and waits for the save it causes to be answered (typing is saved after a short pause). */
async function andSaved(page: Page, act: () => Promise<unknown>) {
  const answered = draftCall(page, "PUT");
  await act();
  await answered;
}
/** What a browser does when its window is focused again: the form reads the draft back (waited for). */
async function refocus(page: Page) {
  const answered = draftCall(page, "GET");
  await page.evaluate(() => window.dispatchEvent(new Event("focus")));
  await answered;
}
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

test("two browsers of one student editing one exercise both end with the newest entries", async ({ browser }) => {
  const email = newStudent("Dana");
  const [laptopCtx, phoneCtx] = [await browser.newContext(), await browser.newContext()];
  const [laptop, phone] = [await laptopCtx.newPage(), await phoneCtx.newPage()];
  await signIn(laptop, email);
  await laptop.goto("/practice");
  await laptop.getByRole("button", { name: /2-3-3-2/ }).first().click();
  await laptop.waitForURL(/\/work\//);
  await signIn(phone, email);
  await phone.goto(laptop.url());

  const A = "steps[0].layers[0].A";
  const loss = "steps[0].loss";
  // The laptop types two cells; the phone reads them when its window is focused.
  await andSaved(laptop, async () => {
    await cellsOf(laptop, loss).first().fill("2.5");
    await cellsOf(laptop, A).nth(0).fill("1");
  });
  await refocus(phone);
  await expect(cellsOf(phone, loss).first()).toHaveValue("2.5");
  await expect(cellsOf(phone, A).nth(0)).toHaveValue("1");

  // The phone overwrites one of them and types another; the laptop types a third cell, and its save brings in the phone's.
  await andSaved(phone, async () => {
    await cellsOf(phone, A).nth(0).fill("2");
    await cellsOf(phone, A).nth(1).fill("3");
    await blur(phone);
  });
  await andSaved(laptop, () => cellsOf(laptop, A).nth(2).fill("4"));
  await expect(cellsOf(laptop, A).nth(0)).toHaveValue("2");
  await expect(cellsOf(laptop, A).nth(1)).toHaveValue("3");
  await refocus(phone);
  await expect(cellsOf(phone, A).nth(2)).toHaveValue("4");

  // A cell the phone is typing in is left alone until the student leaves it.
  await cellsOf(phone, loss).first().focus();
  await andSaved(laptop, () => cellsOf(laptop, loss).first().fill("3.5"));
  await refocus(phone);
  await expect(cellsOf(phone, A).nth(2)).toHaveValue("4");
  await expect(cellsOf(phone, loss).first()).toHaveValue("2.5");
  await blur(phone);
  const pulled = draftCall(phone, "GET");
  await phone.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
  await pulled;
  await expect(cellsOf(phone, loss).first()).toHaveValue("3.5");

  // Offline, the laptop keeps a cell in its own copy; meanwhile the phone changes another cell the laptop's copy also holds.
  await laptopCtx.setOffline(true);
  await cellsOf(laptop, A).nth(0).fill("5");
  await expect(laptop.getByRole("status").filter({ hasText: "Offline" })).toBeVisible({ timeout: 10_000 });
  await andSaved(phone, async () => {
    await cellsOf(phone, A).nth(1).fill("6");
    await blur(phone);
  });
  // Back online, the laptop reloads: its copy's newer cell is kept and saved, its older one gives way to the phone's.
  await laptopCtx.setOffline(false);
  await laptop.reload();
  await expect(cellsOf(laptop, A).nth(0)).toHaveValue("5");
  await expect(cellsOf(laptop, A).nth(1)).toHaveValue("6");
  // The laptop saved its cell (on coming back online or on loading its copy): the phone reads it at its next focus.
  await expect(async () => {
    await refocus(phone);
    await expect(cellsOf(phone, A).nth(0)).toHaveValue("5", { timeout: 500 });
  }).toPass({ timeout: 15_000 });

  // Both end with the same, newest entries.
  for (const page of [laptop, phone]) {
    await expect(cellsOf(page, A).nth(0)).toHaveValue("5");
    await expect(cellsOf(page, A).nth(1)).toHaveValue("6");
    await expect(cellsOf(page, A).nth(2)).toHaveValue("4");
    await expect(cellsOf(page, loss).first()).toHaveValue("3.5");
  }
  await laptopCtx.close();
  await phoneCtx.close();
});
