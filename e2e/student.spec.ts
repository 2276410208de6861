import { expect, test, type Page } from "@playwright/test";
import { fill, fillWithWrongDelta, joinDemoCourse, newStudent, noAxeViolations, signIn, solutionOf, variantIdOf } from "./helpers";

async function submit(page: Page) {
  await page.getByRole("button", { name: /Submit for grading|採点する/ }).click();
  await page.waitForURL(/\/submissions\//);
}

test("a student joins a course, diverges at Δ, is credited for carried steps, and sees the solution after the last attempt", async ({ page }) => {
  await signIn(page, newStudent("Bob"));
  await noAxeViolations(page);
  await joinDemoCourse(page);
  await page.getByRole("link", { name: /2-3-3-2/ }).first().click();
  await page.waitForURL(/\/work\//);
  const variantId = variantIdOf(page);
  // Nothing of the exact solution is in the page before grading.
  const { solution } = solutionOf(variantId);
  const secret = String(Number(solution.steps[0].loss.toPrecision(6)));
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByText("The worked solution appears after your last attempt")).toBeVisible();
  await noAxeViolations(page);

  const k = await fillWithWrongDelta(page, variantId);
  await expect(page.getByRole("status").filter({ hasText: /saved/i })).toBeVisible({ timeout: 10_000 });
  await page.screenshot({ path: "test-results/screenshots/exercise-before-grading.png", fullPage: true });
  await submit(page);

  // Named in the lecture's notation (Δ^3), the path kept on the element.
  await expect(page.getByRole("status").filter({ hasText: "First divergence:" }).locator('[data-path="steps[0].layers[2].delta"]')).toContainText("Δ");
  await expect(page.locator('article[data-path="steps[0].layers[2].delta"]')).toHaveAttribute("data-verdict", "incorrect");
  // Everything after Δ^3 follows from the student's scaled Δ^3: carried where doubling changes the value, else correct.
  const within = (got: number, ref: number) => Math.abs(got - ref) <= Math.max(0.005, 0.01 * Math.abs(ref));
  const layers = solution.steps[0].layers;
  for (let l = 0; l < 3; l++) {
    for (const key of ["dW", "dB", ...(l < 2 ? ["dX", "delta"] : [])]) {
      const exact = (layers[l][key] as number[] | number[][]).flat();
      const changed = exact.some((x) => !within(k * x, x));
      await expect(page.locator(`article[data-path="steps[0].layers[${l}].${key}"]`), `layers[${l}].${key}`).toHaveAttribute("data-verdict", changed ? "carried" : "correct");
    }
  }
  await expect(page.locator('article[data-verdict="incorrect"]')).toHaveCount(1);
  await expect(page.locator('article[data-verdict="carried"]').first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/exercise-after-grading.png", fullPage: true });
  await noAxeViolations(page);

  // Retry twice; after the last attempt the worked solution is shown.
  for (let attempt = 2; attempt <= 3; attempt++) {
    await page.goto(`/work/${variantId}`);
    await fill(page, "steps[0].loss", solution.steps[0].loss);
    await submit(page);
  }
  await page.goto(`/work/${variantId}`);
  await expect(page.getByText("No attempts left.")).toBeVisible();
  await expect(page.getByText("The worked solution appears after your last attempt")).toHaveCount(0);
  await expect(page.locator("#solution-heading ~ *").first()).toBeVisible();
});

test("the same in Japanese: the interface switches language and grading reads the same", async ({ page }) => {
  await page.goto("/");
  // The menu applies the language at once (no button to press).
  await page.getByLabel("Language").first().selectOption("ja");
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");
  await signIn(page, newStudent("Taro"), { email: "メールアドレス", password: "パスワード", submit: "ログイン" });
  await joinDemoCourse(page, { code: "参加コード", submit: "参加する", joined: "に参加しました" });
  await expect(page.getByRole("heading", { name: "受講中のコース" })).toBeVisible();
  await page.getByRole("link", { name: /2-3-3-2/ }).first().click();
  await page.waitForURL(/\/work\//);
  // The given data is explained in Japanese too, formulas in place.
  await expect(page.getByRole("heading", { name: "入力と教師データ" })).toBeVisible();
  await expect(page.getByText(/勾配降下法を 1 ステップ実行してください/)).toBeVisible();
  await noAxeViolations(page);
  // A decimal comma is explained in Japanese as it is typed.
  await page.locator('fieldset[data-path="steps[0].loss"] input[data-cell]').fill("1,5");
  await expect(page.getByText("「1,5」：小数点はピリオドで書いてください（1.5）")).toBeVisible();
  const variantId = variantIdOf(page);
  await fillWithWrongDelta(page, variantId);
  await submit(page);
  await expect(page.getByRole("status").filter({ hasText: "最初に食い違った量" }).locator('[data-path="steps[0].layers[2].delta"]')).toBeVisible();
  await expect(page.getByText("引き継ぎ正解").first()).toBeVisible();
  await noAxeViolations(page);
});

test("answers can be typed with the keyboard only: Tab, arrows and Enter move between cells", async ({ page }) => {
  await signIn(page, newStudent("Keyboard user"));
  await joinDemoCourse(page);
  await page.getByRole("link", { name: /2-3-3-2/ }).first().click();
  await page.waitForURL(/\/work\//);
  const first = page.locator('fieldset[data-path="steps[0].layers[0].A"] input[data-cell]');
  await first.nth(0).focus();
  await page.keyboard.type("1/2");
  await page.keyboard.press("Tab");
  await page.keyboard.type("-3");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("e^-1");
  await expect(first.nth(0)).toHaveValue("1/2");
  await expect(first.nth(1)).toHaveValue("-3");
  await expect(first.nth(2)).toHaveValue("e^-1");
  // Enter moves on to the next cell, into the next quantity's grid.
  await page.keyboard.press("Enter");
  await page.keyboard.type("7");
  await expect(page.locator('fieldset[data-path="steps[0].layers[0].X"] input[data-cell]').nth(0)).toHaveValue("7");
  await noAxeViolations(page);
});

test("every student page passes the accessibility check, also on a phone-sized screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  const refused: string[] = [];
  page.on("console", (m) => m.type() === "error" && /Content Security Policy/i.test(m.text()) && refused.push(m.text()));
  const signin = await page.goto("/signin");
  // Served with headers that forbid framing and foreign scripts: scripts run only with this
  // response's nonce, never as inline text or handlers of their own.
  const csp = signin?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/]{20,}={0,2}'/);
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"], "a fresh nonce for every response").not.toBe(csp);
  expect(await page.evaluate(() => [...document.scripts].filter((s) => !s.nonce).length), "every script of the page carries the nonce").toBe(0);
  expect(signin?.headers()["x-frame-options"]).toBe("DENY");
  expect(signin?.headers()["x-powered-by"]).toBeUndefined();
  await noAxeViolations(page);
  await signIn(page, "alice@handprop.test");
  for (const path of ["/", "/dashboard", "/practice", "/exercises/lecture-2-3-3-2"]) {
    await page.goto(path);
    await noAxeViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(1);
  }
  await page.goto("/practice");
  await page.getByRole("button", { name: /Start a new variant/ }).first().click();
  await page.waitForURL(/\/work\//);
  await noAxeViolations(page);
  // The policy blocks nothing the pages need (hydration, KaTeX, the answer form's requests).
  await page.locator('fieldset[data-path="steps[0].loss"] input[data-cell]').fill("1/2");
  await expect(page.getByText("= 0.5")).toBeVisible();
  expect(refused).toEqual([]);
  // What an injected inline handler would do is refused.
  const injected = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violation: string }>((resolve) => {
        let violation = "";
        document.addEventListener("securitypolicyviolation", (e) => (violation = e.violatedDirective), { once: true });
        const div = document.createElement("div");
        div.setAttribute("onclick", "window.__injected = true");
        document.body.appendChild(div);
        div.click();
        setTimeout(() => resolve({ ran: (window as unknown as { __injected?: boolean }).__injected === true, violation }), 200);
      }),
  );
  expect(injected.ran).toBe(false);
  expect(injected.violation).toMatch(/^script-src/);
});

test("a student cannot open another student's exercise or submission", async ({ page, browser }) => {
  await signIn(page, "alice@handprop.test");
  await page.getByRole("link", { name: /2-3-3-2/ }).first().click();
  await page.waitForURL(/\/work\//);
  const aliceWork = page.url();
  const other = await browser.newPage();
  await signIn(other, "taro@handprop.test");
  const res = await other.goto(aliceWork);
  expect(res?.status()).toBe(404);
  const api = await other.request.put(`${aliceWork.replace("/work/", "/api/variants/")}/draft`, { data: { answers: { "steps[0].loss": [["1"]] } } });
  expect(api.status()).toBe(404);
  // Nor the worked solution of a fixed exercise that may be assigned (the lecture's loss is 2.127).
  await other.goto("/exercises/lecture-2-3-3-2");
  await expect(other.getByText("shown to instructors only")).toBeVisible();
  expect(await other.content()).not.toContain("2.127");
  const anonymous = await other.context().browser()!.newPage();
  const noSession = await anonymous.request.put(`${aliceWork.replace("/work/", "/api/variants/")}/draft`, { data: { answers: {} } });
  expect(noSession.status()).toBe(401);
});

test("drafts survive a reload, a double-clicked submit makes one attempt, and an expired session keeps the entries", async ({ page, context }) => {
  await signIn(page, "alice@handprop.test");
  await page.goto("/practice");
  await page.getByRole("button", { name: /Start a new variant/ }).first().click();
  await page.waitForURL(/\/work\//);
  const loss = page.locator('fieldset[data-path="steps[0].loss"] input[data-cell]');
  await loss.fill("2.5");
  await expect(page.getByText("All changes saved")).toBeVisible({ timeout: 10_000 });
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(loss).toHaveValue("2.5");

  // The session expires: submitting keeps the entries and asks to sign in again.
  await context.clearCookies();
  await loss.fill("2.75");
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your session has expired" })).toBeVisible();
  await expect(loss).toHaveValue("2.75");
  await page.getByRole("link", { name: "Sign in again" }).click();
  await page.getByLabel("Email").fill("alice@handprop.test");
  await page.getByLabel("Password").fill("handprop-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/work\//);
  await expect(loss).toHaveValue("2.75");

  // A cell that cannot be read is refused by the server, named as its input is labelled, and no attempt is used.
  await loss.fill("2/0");
  await page.getByRole("button", { name: "Submit for grading" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "L: '2/0' divides by zero" })).toBeVisible();
  await loss.fill("2.75");

  // A double click sends one submission.
  const posts: string[] = [];
  page.on("request", (r) => r.method() === "POST" && r.url().includes("/submissions") && posts.push(r.url()));
  await page.getByRole("button", { name: "Submit for grading" }).dblclick();
  await page.waitForURL(/\/submissions\//);
  expect(posts).toHaveLength(1);
  await expect(page.getByRole("heading", { name: "Result of attempt 1" })).toBeVisible();
});
