// Single sign-on in the browser: the sign-in page's university button, the test OpenID provider's
// form (scripts/e2e-idp.ts, started with the app by scripts/e2e-server.mjs), and back.
import Database from "better-sqlite3";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { noAxeViolations } from "./helpers";

const IDP = `http://127.0.0.1:${process.env.E2E_IDP_PORT ?? 3299}`;
const E2E_DB = join(process.cwd(), "tests", ".tmp", "e2e.db");

test("a student signs in through the university's provider, from the keyboard, and lands on the dashboard", async ({ page }) => {
  await page.goto("/signin");
  await noAxeViolations(page);
  const button = page.getByRole("button", { name: "Sign in with Test University" });
  await page.screenshot({ path: "docs/screenshots/sso-signin.png", fullPage: true });
  // Enabled once the page's script runs: focused before, the Enter would do nothing.
  await expect(button).toBeEnabled();
  await button.focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(`${IDP}/interaction/**`);
  await page.getByLabel("Username").fill("hanako");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/dashboard/);
  await expect(page.getByRole("heading", { name: "My courses" })).toBeVisible();

  // The account was made from the provider's claims, and is found again by its subject.
  const db = new Database(E2E_DB, { readonly: true });
  const row = db.prepare("SELECT u.name, u.role, u.studentNumber, i.issuer FROM User u JOIN ExternalIdentity i ON i.userId = u.id WHERE i.subject = 'e2e-hanako'").get();
  db.close();
  expect(row).toEqual({ name: "Hanako Yamada", role: "student", studentNumber: "S2026001", issuer: IDP });
});

test("an email that already has a password account is refused with a message, not taken over", async ({ page }) => {
  await page.goto("/signin?callbackUrl=%2Fdashboard");
  await page.getByRole("button", { name: "Sign in with Test University" }).click();
  await page.waitForURL(`${IDP}/interaction/**`);
  await page.getByLabel("Username").fill("alice");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(/\/signin\?.*error=SsoAccountExists/);
  // The sign-in form's own alert (Next's route announcer is another, empty one).
  await expect(page.locator("#signin-error[role=alert]")).toHaveText("An account with your university email already exists here. Sign in with its email and password instead.");
  await noAxeViolations(page);
});
