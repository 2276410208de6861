// Rosters and passwords in the browser: an instructor uploads a Shift_JIS roster of 300 Japanese
// names as Japanese Excel saves it, sees them imported correctly in under 5 s, downloads the
// initial passwords once as one CSV, then resets a student's password: the student's open session
// ends, the new one-time password signs them in, and they replace it with their own.
import { readFileSync } from "node:fs";
import iconv from "iconv-lite";
import { expect, test } from "@playwright/test";
import { japanesePeople, rosterCsv } from "../tests/roster-fixture";
import { signIn } from "./helpers";

test("an instructor imports 300 students from a Shift_JIS roster, downloads their passwords once, and resets one", async ({ page, browser }) => {
  const people = japanesePeople(300, `e2e${Date.now().toString(36)}`);
  await signIn(page, "teacher@handprop.test");
  await page.goto("/teach");
  await page.getByLabel("Title").fill("Roster of 300");
  await page.getByRole("button", { name: "Create course" }).click();
  await page.waitForURL(/\/teach\/courses\//);
  const courseUrl = page.url();

  // The file as Excel writes "CSV (Comma delimited)" on a Japanese Windows: CP932 bytes, CRLF.
  await page.getByLabel("or a CSV file").setInputFiles({ name: "名簿.csv", mimeType: "text/csv", buffer: iconv.encode(rosterCsv(people), "cp932") });
  const started = Date.now();
  await page.getByRole("button", { name: "Add students" }).click();
  await expect(page.getByTestId("import-report").filter({ hasText: "300 added, 0 rejected" })).toBeVisible({ timeout: 15_000 });
  const elapsed = Date.now() - started;
  console.log(`[roster e2e] 300 students from Shift_JIS: uploaded to report in ${elapsed} ms`);
  expect(elapsed).toBeLessThan(5_000);
  // The roster shows 50 a page; the search finds anyone (by name, email or number).
  await expect(page.getByRole("cell", { name: people[0].name, exact: true })).toBeVisible();
  await expect(page.getByTestId("roster-table").getByRole("row")).toHaveCount(51);
  for (const p of [people[299], people.find((x) => x.name.includes("髙"))!]) {
    await page.getByLabel("Find a student (name, email or student number)").fill(p.email);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByRole("cell", { name: p.name, exact: true })).toBeVisible();
  }
  await page.goto(courseUrl);
  await expect(page.getByText("\uFFFD")).toHaveCount(0);

  // The initial passwords: one CSV for Excel, once.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("download-passwords").click();
  const file = await downloading;
  const bytes = readFileSync((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = bytes.toString("utf8").replace(/^\uFEFF/, "").split("\r\n").filter(Boolean).slice(1).map((l) => l.split(","));
  expect(rows.map(([name, email]) => [name, email])).toEqual(people.map((p) => [p.name, p.email]));
  const again = await page.request.get(`${new URL(courseUrl).pathname}/initial-passwords`);
  expect(again.status()).toBe(410);
  expect(await again.text()).toContain("already downloaded");

  // A student signs in with the initial password from the file.
  const [name, email, initial] = rows[0];
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  // A one-time password opens the account page first: the student must choose their own.
  await signIn(student, email, undefined, initial, /\/account\?first=1/);
  await student.goto("/dashboard");
  await expect(student).toHaveURL(/\/account\?first=1/);
  expect((await student.request.get("/api/auth/session")).status()).toBe(200);

  // Their instructor resets it: the new one-time password is shown once.
  await page.bringToFront();
  await page.goto(courseUrl);
  // It asks first, and shows the new password in the student's own row.
  const row = page.getByRole("row").filter({ hasText: email });
  await row.locator("summary").click();
  await row.getByRole("button", { name: `Reset ${name}'s password` }).click();
  const notice = row.getByTestId("password-reset");
  await expect(notice).toContainText(email);
  const fresh = (await notice.locator("code").textContent())!.trim();
  expect(fresh).toMatch(/^[A-HJ-NP-Za-km-z2-9]{17}$/);
  // The password itself is masked: a screenshot in the docs shows no secret, even a throwaway one.
  await notice.screenshot({ path: "docs/screenshots/roster-reset.png", mask: [notice.locator("code")] });
  await page.reload();
  await expect(page.getByTestId("password-reset")).toHaveCount(0);

  // The student's open session has ended; the old password no longer works, the new one does.
  await student.bringToFront();
  await student.goto("/dashboard");
  await student.waitForURL(/\/signin/);
  await student.getByLabel("Email").fill(email);
  await student.getByLabel("Password").fill(initial);
  await student.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(student).toHaveURL(/\/signin/);
  await signIn(student, email, undefined, fresh, /\/account\?first=1/);

  // And replaces it with a password of their own under Account.
  await student.goto("/account");
  await student.getByLabel("Current password").fill(fresh);
  await student.getByLabel("New password (10 to 200 characters)").fill("my-own-password-2026");
  await student.getByLabel("New password again").fill("my-own-password-2026");
  await student.getByRole("button", { name: "Change password" }).click();
  await student.waitForURL(/\/signin/);
  await signIn(student, email, undefined, "my-own-password-2026");
  await studentContext.close();
});
