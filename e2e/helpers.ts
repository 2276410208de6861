// Shared steps of the browser tests: signing in, the exact solution of a variant (through the
// project's own CLI), and filling the answer grids.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const PASSWORD = "handprop-demo";
/** The browser tests' database (scripts/e2e-server.mjs makes it afresh for each run). */
const E2E_DB = join(process.cwd(), "tests", ".tmp", "e2e.db");

export async function signIn(page: Page, email: string, labels = { email: "Email", password: "Password", submit: "Sign in" }, password = PASSWORD, landing = /\/dashboard/) {
  await page.goto("/signin");
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(password);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await page.waitForURL(landing);
}

/** A first sign-in with a one-time password from an instructor: the account page asks for an own password first; then signed in with it. */
export async function signInFirstTime(page: Page, email: string, oneTime: string, own = `own-${Date.now().toString(36)}-password`) {
  await signIn(page, email, undefined, oneTime, /\/account\?first=1/);
  await expect(page.getByTestId("choose-password")).toBeVisible();
  await page.getByLabel("Current password").fill(oneTime);
  await page.getByLabel("New password (10 to 200 characters)").fill(own);
  await page.getByLabel("New password again").fill(own);
  await page.getByRole("button", { name: "Change password" }).click();
  await page.waitForURL(/\/signin/);
  await signIn(page, email, undefined, own);
  return own;
}

/**
 * A student account of its own for one test run, so that a retried or repeated test starts from
 * nothing: the row is copied from the seeded student alice (same password), under a new email.
 */
export function newStudent(name: string): string {
  // Letters and digits of the name joined by single dots: a name ending in a digit once gave "x1 " →
  // "x." + "." and an address with two dots in a row, which sign-in rightly refuses.
  const local = name.toLowerCase().replace(/[^a-z0-9]+/g, ".").replace(/^\.+|\.+$/g, "");
  const email = `${local}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.org`;
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 5000");
  db.prepare(
    "INSERT INTO User (id, email, name, passwordHash, role, locale, createdAt) SELECT ?, ?, ?, passwordHash, 'student', locale, createdAt FROM User WHERE email = 'alice@handprop.test'",
  ).run(`e2e-${email}`, email, name);
  db.close();
  return email;
}

/** Joins the seeded demo course with its join code, from the dashboard (labels in the page's language). */
export async function joinDemoCourse(page: Page, labels = { code: "Join code", submit: "Join", joined: "You joined" }) {
  await page.getByLabel(labels.code).fill("DEMO2026");
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: labels.joined })).toBeVisible();
}

type Solution = { steps: { loss: number; layers: Record<string, number[][] | number[]>[] }[]; loss_after: number };

/** The exercise drawn for a variant and its exact solution, read the way an outside checker would. */
export function solutionOf(variantId: string): { exercise: { layers: { weights: number[][]; bias?: number[] }[] }; solution: Solution } {
  const db = new Database(E2E_DB, { readonly: true });
  const row = db.prepare("SELECT exerciseJson FROM Variant WHERE id = ?").get(variantId) as { exerciseJson: string };
  db.close();
  const file = join(mkdtempSync(join(tmpdir(), "handprop-e2e-")), "exercise.json");
  writeFileSync(file, row.exerciseJson);
  const out = execFileSync("npm", ["run", "-s", "cli", "--", "solve", file], { encoding: "utf8" });
  return { exercise: JSON.parse(row.exerciseJson), solution: JSON.parse(out) };
}

export const variantIdOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

const asRows = (v: number | number[] | number[][]): number[][] => (typeof v === "number" ? [[v]] : Array.isArray(v[0]) ? (v as number[][]) : [v as number[]]);

/** Types a matrix into the grid of one quantity, cell by cell. */
export async function fill(page: Page, path: string, value: number | number[] | number[][]) {
  const cells = page.locator(`fieldset[data-path="${path}"] input[data-cell]`);
  const rows = asRows(value);
  await expect(cells).toHaveCount(rows.flat().length);
  let k = 0;
  for (const row of rows) for (const x of row) await cells.nth(k++).fill(String(Number(x.toPrecision(6))));
}

/**
 * Every quantity of one step: right up to Δ^L, then Δ^L scaled by k (clearly wrong) and everything
 * after it computed correctly from that: the gradients scale by k, W_new = W + k (W_new − W).
 * Returns k.
 */
export async function fillWithWrongDelta(page: Page, variantId: string): Promise<number> {
  const { exercise, solution } = solutionOf(variantId);
  const step = solution.steps[0];
  const L = step.layers.length;
  const largest = Math.max(...asRows(step.layers[L - 1].delta).flat().map(Math.abs));
  const k = Math.max(2, Math.ceil(0.5 / largest));
  const scaled = (m: number[] | number[][]) => asRows(m).map((r) => r.map((x) => k * x));
  for (let l = 0; l < L; l++) {
    await fill(page, `steps[0].layers[${l}].A`, step.layers[l].A);
    await fill(page, `steps[0].layers[${l}].X`, step.layers[l].X);
  }
  await fill(page, "steps[0].loss", step.loss);
  await fill(page, `steps[0].layers[${L - 1}].dX`, step.layers[L - 1].dX);
  for (let l = L - 1; l >= 0; l--) {
    if (l < L - 1) await fill(page, `steps[0].layers[${l}].dX`, scaled(step.layers[l].dX));
    for (const key of ["delta", "dW", "dB"]) if (step.layers[l][key]) await fill(page, `steps[0].layers[${l}].${key}`, scaled(step.layers[l][key]));
  }
  // W − η·(k ∂L/∂W) = W + k (W_new − W)
  for (let l = 0; l < L; l++) {
    const W = exercise.layers[l].weights;
    await fill(page, `steps[0].layers[${l}].W_new`, asRows(step.layers[l].W_new).map((r, i) => r.map((x, j) => W[i][j] + k * (x - W[i][j]))));
    const B = exercise.layers[l].bias;
    if (B) await fill(page, `steps[0].layers[${l}].B_new`, asRows(step.layers[l].B_new)[0].map((x, j) => B[j] + k * (x - B[j])));
  }
  return k;
}

/** WCAG 2 A/AA checks by axe on the current page, once its title has arrived (Next streams metadata). */
export async function noAxeViolations(page: Page) {
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Registers an LMS on the LTI page, as an instructor enters what the platform shows (tests/lti-platform.ts). */
export async function registerLms(page: Page, name: string, platform: { issuer: string; clientId: string; deploymentId: string; urls: { auth: string; token: string; jwks: string } }) {
  await page.goto("/teach/lti");
  await page.getByLabel("Name (for you)").fill(name);
  await page.getByLabel("Platform ID (issuer)").fill(platform.issuer);
  await page.getByLabel("Client ID").fill(platform.clientId);
  await page.getByLabel("Deployment ids").fill(platform.deploymentId);
  await page.getByLabel("Authentication request URL").fill(platform.urls.auth);
  await page.getByLabel("Access token URL").fill(platform.urls.token);
  await page.getByLabel("Public keyset URL of the platform").fill(platform.urls.jwks);
  await page.getByRole("button", { name: "Save the platform" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Platform saved." })).toBeVisible();
}
