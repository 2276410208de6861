// The statistics that count students, in the browser: a few new students of the demo course go
// wrong at ∂L/∂X³ (the lecture's mistake, or numbers no known mistake explains); the set's page
// shows, per exercise, how many STUDENTS each first mistake names, and those counts match a count
// made here from the stored result rows; the score distribution is a chart with labelled axes
// whose bars add up to the students who submitted.
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Browser } from "@playwright/test";
import { joinDemoCourse, newStudent, noAxeViolations, signIn, solutionOf, variantIdOf } from "./helpers";

const E2E_DB = join(process.cwd(), "tests", ".tmp", "e2e.db");
const letters = () => Array.from({ length: 6 }, () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(Math.random() * 26)]).join("");

/**
 * A new student submits, through the submissions route, the forward pass right and then ∂L/∂X³:
 * with the lecture's mistake (−t/y + (1−t)/(1−y), the terms of the wrong classes kept) or with
 * numbers no known mistake explains.
 */
async function studentWithDx(browser: Browser, mistake: "extraTerms" | "noPattern") {
  const page = await browser.newPage();
  await page.bringToFront();
  await signIn(page, newStudent(`Stat ${letters()}`));
  await joinDemoCourse(page);
  await page.getByRole("link", { name: /2-3-3-2/ }).first().click();
  await page.waitForURL(/\/work\//);
  const variantId = variantIdOf(page);
  const { exercise, solution } = solutionOf(variantId);
  const step = solution.steps[0];
  const L = step.layers.length;
  const targets = (exercise as unknown as { data: { targets: number[][] } }).data.targets;
  const y = step.layers[L - 1].X as number[][];
  const dX = mistake === "extraTerms" ? y.map((row, n) => row.map((p, k) => String(-targets[n][k] / p + (1 - targets[n][k]) / (1 - p)))) : y.map((row) => row.map((_, k) => String(123.25 - 977 * k)));
  const text = (m: unknown) => (m as number[][]).map((row) => row.map(String));
  const answers: Record<string, string[][]> = { "steps[0].loss": [[String(step.loss)]] };
  step.layers.forEach((layer, l) => {
    answers[`steps[0].layers[${l}].A`] = text(layer.A);
    answers[`steps[0].layers[${l}].X`] = text(layer.X);
  });
  answers[`steps[0].layers[${L - 1}].dX`] = dX;
  const r = await page.request.post(`/api/variants/${variantId}/submissions`, { data: { answers, idempotencyKey: `stats-${crypto.randomUUID()}` } });
  expect(r.status()).toBe(201);
  await page.close();
}

type Groups = { submitted: number; named: Map<string, number>; unnamed: Map<string, number> };

/** Per exercise of the set: students counted in the statistics, grouped by their first divergence, read straight from the database. */
function countFromResults(setId: string): Map<string, Groups> {
  const db = new Database(E2E_DB, { readonly: true });
  const rows = db
    .prepare(
      `SELECT r.itemId, r.firstDivergence, r.verdictsJson FROM VariantResult r
       JOIN ProblemSetItem i ON i.id = r.itemId
       JOIN ProblemSet s ON s.id = i.problemSetId
       JOIN Membership m ON m.userId = r.userId AND m.courseId = s.courseId AND m.role = 'student' AND (m.removedAt IS NULL OR m.countsInStats = 1)
       WHERE s.id = ?`,
    )
    .all(setId) as { itemId: string; firstDivergence: string | null; verdictsJson: string }[];
  db.close();
  const out = new Map<string, Groups>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const r of rows) {
    const g = out.get(r.itemId) ?? { submitted: 0, named: new Map(), unnamed: new Map() };
    out.set(r.itemId, g);
    g.submitted++;
    if (!r.firstDivergence) continue;
    const named = (JSON.parse(r.verdictsJson) as Record<string, [string, string?]>)[r.firstDivergence]?.[1];
    if (named) bump(g.named, named);
    else bump(g.unnamed, r.firstDivergence);
  }
  return out;
}

test("the statistics count students per first mistake, as the stored results do, with a labelled score chart", async ({ page, browser }) => {
  await studentWithDx(browser, "extraTerms");
  await studentWithDx(browser, "extraTerms");
  await studentWithDx(browser, "noPattern");

  await page.bringToFront();
  await signIn(page, "teacher@handprop.test");
  await page.goto("/teach");
  await page.getByRole("link", { name: /backpropagation by hand \(demo\)/ }).click();
  await page.waitForURL(/\/teach\/courses\//);
  await page.locator("a[href^='/teach/sets/']").first().click();
  await page.waitForURL(/\/teach\/sets\//);
  const setId = new URL(page.url()).pathname.split("/").pop()!;

  const expected = countFromResults(setId);
  expect(expected.size).toBeGreaterThan(0);
  let atOutput = 0;
  for (const [itemId, groups] of expected) {
    const section = page.locator(`section[aria-labelledby="item-${itemId}"]`);
    // Every group the database has, with its number of students, and no group it has not.
    const shownNamed = await section.locator("[data-testid=mistakes] li").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-misconception")!, Number(li.getAttribute("data-students"))] as const));
    const shownUnnamed = await section.locator("[data-testid=unexplained] li").evaluateAll((lis) => lis.map((li) => [li.getAttribute("data-path")!, Number(li.getAttribute("data-students"))] as const));
    expect(new Map(shownNamed)).toEqual(groups.named);
    expect(new Map(shownUnnamed)).toEqual(groups.unnamed);
    atOutput += (groups.named.get("cross_entropy_derivative_extra_terms") ?? 0) + (groups.unnamed.get("steps[0].layers[2].dX") ?? 0);
    // The chart's bars add up to the students who submitted; its axes say what they count.
    const chart = section.getByTestId("score-chart");
    await expect(chart.locator("svg")).toBeVisible();
    await expect(chart.locator("svg")).toContainText("Best score (% of the maximum)");
    await expect(chart.locator("svg")).toContainText("Students");
    const bars = await chart.locator("g[data-count]").evaluateAll((gs) => gs.map((g) => Number(g.getAttribute("data-count"))));
    expect(bars).toHaveLength(10);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(groups.submitted);
  }
  // Our three students at least, each counted once; the groups named in words with their number of students.
  expect(atOutput).toBeGreaterThanOrEqual(3);
  await expect(page.locator("[data-testid=mistakes] li").first()).toContainText(/^[A-Z][^:]+: \d+ students? \(\d+%\)/);
  await expect(page.locator('[data-testid="unexplained"] li[data-path="steps[0].layers[2].dX"]').first()).toContainText(/no known pattern: \d+ students? \(\d+%\)/);
  // The history reads as sentences, never as JSON.
  await expect(page.getByTestId("set-history")).not.toContainText("{");
  await page.locator("section[data-testid=item-stats]").first().screenshot({ path: "docs/screenshots/statistics-students.png" });
  await noAxeViolations(page);
});
