// The seed's 3-4-3 column-layout exercise (exercises/column-3-4-3-softmax.json) entered as its
// course writes it: z, x, δ as columns (one column per sample), one of them pasted as a column,
// then graded; the verdicts are the CLI's for the same cells. Also the form's keyboard (Tab from a
// grid's last cell to the next grid and back, Alt+V to the paste box), a pasted fraction kept as
// written, and unreadable cells named at submit instead of a confirmation.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { newStudent, signIn } from "./helpers";

const E2E_DB = join(process.cwd(), "tests", ".tmp", "e2e.db");
const cli = (...args: string[]) => execFileSync("npx", ["tsx", "lib/cli/main.ts", ...args], { encoding: "utf8" });

/** The seed exercise drawn as the app draws it, given to the student as a practice variant of their own. */
function seedVariantFor(email: string): { variantId: string; exerciseFile: string } {
  const exerciseJson = cli("variant", "exercises/column-3-4-3-softmax.json", "column-e2e");
  const exerciseFile = join(mkdtempSync(join(tmpdir(), "handprop-col-")), "exercise.json");
  writeFileSync(exerciseFile, exerciseJson);
  const variantId = `col-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const db = new Database(E2E_DB);
  db.pragma("busy_timeout = 5000");
  const user = db.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string };
  db.prepare("INSERT INTO Variant (id, itemId, userId, seed, exerciseJson, practice, createdAt) VALUES (?, NULL, ?, ?, ?, 1, ?)").run(variantId, user.id, `seed-${variantId}`, JSON.stringify(JSON.parse(exerciseJson)), new Date().toISOString());
  db.close();
  return { variantId, exerciseFile };
}

type Grid = number[][];
type Solution = { steps: { loss: number; layers: Record<string, Grid>[] }[]; loss_after: number };

/** The exact value of a quantity path in the CLI's solution, as a grid in the contract's shape. */
function exactAt(solution: Solution, path: string): Grid {
  if (path === "loss_after") return [[solution.loss_after]];
  const m = /^steps\[(\d+)\]\.(?:loss|layers\[(\d+)\]\.(\w+))$/.exec(path)!;
  const step = solution.steps[Number(m[1])];
  return m[2] === undefined ? [[step.loss]] : step.layers[Number(m[2])][m[3]];
}

const transpose = <T,>(g: T[][]): T[][] => g[0].map((_, j) => g.map((r) => r[j]));
const text = (x: number) => String(Number(x.toPrecision(6)));

/** Types a grid as shown into a quantity's cells, row by row. */
async function typeGrid(page: Page, path: string, shown: string[][]) {
  const cells = page.locator(`fieldset[data-path="${path}"] input[data-cell]`);
  await expect(cells).toHaveCount(shown.flat().length);
  let k = 0;
  for (const row of shown) for (const x of row) await cells.nth(k++).fill(x);
}

test("the 3-4-3 column exercise is entered in column notation, one column pasted, and graded as the CLI grades it", async ({ page }) => {
  page.on("dialog", (d) => {
    throw new Error(`no dialog expected, got: ${d.message()}`);
  });
  const email = newStudent("Colette");
  await signIn(page, email);
  const { variantId, exerciseFile } = seedVariantFor(email);
  const solution = JSON.parse(cli("solve", exerciseFile)) as Solution;
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`/work/${variantId}`);

  // The page says how this course writes it (not the row layout's "one row per sample").
  await expect(page.getByText(/one column per sample/).first()).toBeVisible();
  await expect(page.getByText(/one row per sample/)).toHaveCount(0);
  // z^1 is a column of four: one column per sample, its cells named in the grid's own rows and columns.
  const z1 = page.locator('fieldset[data-path="steps[0].layers[0].A"]');
  await expect(z1).toHaveAttribute("data-transpose", "true");
  await expect(z1.locator("input[data-cell]")).toHaveCount(4);
  await expect(z1.locator("input[data-cell]").nth(3)).toHaveAttribute("aria-label", "z^1 row 4, column 1");

  // Keyboard: Tab from z^1's last cell goes to x^1's first (past the paste box), Shift+Tab back; Alt+V opens the paste box.
  const x1 = page.locator('fieldset[data-path="steps[0].layers[0].X"]');
  await z1.locator("input[data-cell]").nth(3).focus();
  await page.keyboard.press("Tab");
  await expect(x1.locator("input[data-cell]").first()).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(z1.locator("input[data-cell]").nth(3)).toBeFocused();
  await page.keyboard.press("Alt+KeyV");
  await expect(z1.getByRole("textbox", { name: "Paste a matrix" })).toBeFocused();

  // A pasted fraction stays as it was written.
  await z1.getByRole("textbox", { name: "Paste a matrix" }).fill("-1/405; 2/3; 1; 2");
  await z1.getByRole("button", { name: "Fill the cells" }).click();
  await expect(z1.locator("input[data-cell]").first()).toHaveValue("-1/405");
  await expect(z1.locator("input[data-cell]").nth(1)).toHaveValue("2/3");

  // Every quantity from the CLI's exact solution, as shown (transposed where the grid is); the loss wrong on purpose.
  const typed: Record<string, string[][]> = {};
  const paths = await page.locator("fieldset[data-path]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-path")!, e.hasAttribute("data-transpose")] as const));
  for (const [path, shownTransposed] of paths) {
    const stored = path === "steps[0].loss" ? [["1"]] : exactAt(solution, path).map((r) => r.map(text));
    typed[path] = stored;
    const shown = shownTransposed ? transpose(stored) : stored;
    if (path === "steps[0].layers[0].X") {
      // Pasted as a column, one number a line, as the course writes x^1.
      await x1.getByText("Paste a matrix").click();
      await x1.getByRole("textbox", { name: "Paste a matrix" }).fill(shown.map((r) => r.join(" ")).join("\n"));
      await x1.getByRole("button", { name: "Fill the cells" }).click();
      await expect(x1.locator("input[data-cell]").last()).toHaveValue(shown[3][0]);
    } else await typeGrid(page, path, shown);
  }
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible({ timeout: 10_000 });
  // The README's picture: the first grids in column notation, the given data beside them (wide screen).
  await page.setViewportSize({ width: 1280, height: 760 });
  await z1.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -80));
  mkdirSync("docs/screenshots", { recursive: true });
  await page.screenshot({ path: "docs/screenshots/column-entry.png" });
  await page.setViewportSize({ width: 1000, height: 900 });

  // Unreadable cells are named at submit (no confirmation), the focus on the first; nothing is submitted.
  const delta1 = page.locator('fieldset[data-path="steps[0].layers[0].delta"] input[data-cell]');
  const dW1 = page.locator('fieldset[data-path="steps[0].layers[0].dW"] input[data-cell]');
  await dW1.nth(3).fill("0.1..2");
  await expect(dW1.nth(3)).toHaveAttribute("aria-invalid", "true");
  await delta1.nth(2).fill("abc");
  await expect(delta1.nth(2)).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Submit for grading" }).click();
  const named = page.locator(".named-cells");
  await expect(named).toContainText("These cells cannot be read yet");
  await expect(named.locator("li")).toHaveCount(2);
  await expect(named.locator("li").first()).toContainText("δ^1 row 3, column 1: ");
  await expect(named.locator("li").nth(1)).toContainText("∂L/∂W^1 row 2, column 1: ");
  await expect(delta1.nth(2)).toBeFocused();
  expect(page.url()).toContain(`/work/${variantId}`);

  // The student fixes them and submits.
  await delta1.nth(2).fill(transpose(typed["steps[0].layers[0].delta"])[2][0]);
  await expect(delta1.nth(2)).not.toHaveAttribute("aria-invalid", "true");
  await dW1.nth(3).fill(typed["steps[0].layers[0].dW"][1][0]);
  await expect(dW1.nth(3)).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible({ timeout: 10_000 });
  // A cell left empty is refused by the server by its place in the contract (x^2[0][1]); the form names it as shown.
  const x2 = page.locator('fieldset[data-path="steps[0].layers[1].X"] input[data-cell]');
  await x2.nth(1).fill("");
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(named.locator("li")).toHaveCount(1);
  await expect(named.locator("li").first()).toContainText("x^2 row 2, column 1: ");
  await expect(x2.nth(1)).toBeFocused();
  expect(page.url()).toContain(`/work/${variantId}`);
  await x2.nth(1).fill(transpose(typed["steps[0].layers[1].X"])[1][0]);
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await page.waitForURL(/\/submissions\//);

  // The verdicts are the CLI's for the same cells in the contract's shape: the form turned the columns back.
  const submission = join(mkdtempSync(join(tmpdir(), "handprop-col-")), "submission.json");
  const layers: Record<string, string[][]>[] = [];
  for (const [path, cells] of Object.entries(typed)) {
    const m = /^steps\[0\]\.layers\[(\d+)\]\.(\w+)$/.exec(path);
    if (m) (layers[Number(m[1])] ??= {})[m[2]] = cells;
  }
  writeFileSync(submission, JSON.stringify({ steps: [{ loss: typed["steps[0].loss"][0][0], layers }], loss_after: typed.loss_after?.[0][0] }));
  const expected = (JSON.parse(cli("grade", exerciseFile, submission)) as { items: { path: string; verdict: string }[] }).items;
  expect(expected.find((i) => i.path === "steps[0].loss")?.verdict).toBe("incorrect");
  for (const item of expected) await expect(page.locator(`article[data-path="${item.path}"]`), item.path).toHaveAttribute("data-verdict", item.verdict);
  await expect(page.locator("article[data-verdict]")).toHaveCount(expected.length);
});
