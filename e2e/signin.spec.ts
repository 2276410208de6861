// The sign-in form before and after its script runs. Before, it must not be sendable: the browser's
// own submission would be a GET with the password in the address (history, proxies, server logs)
// and would sign nobody in. After, signing in never puts the password in any address either.
import { expect, test } from "@playwright/test";
import { PASSWORD, signIn } from "./helpers";

test("without its script the sign-in form cannot be sent and says why; with it, the password never appears in an address", async ({ browser }) => {
  const bare = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await bare.goto("/signin");
  await expect(bare.locator("form:has(input[name=password])")).toHaveAttribute("method", "post");
  await expect(bare.getByRole("button", { name: "Sign in", exact: true })).toBeDisabled();
  // The page says why to a browser without scripts. (Playwright's switch stops scripts but the page
  // is still parsed as if they ran, which hides <noscript>: the message is read from the HTML.)
  const html = await (await bare.request.get("/signin")).text();
  expect(html).toMatch(/<noscript><p class="notice">Signing in needs JavaScript: turn it on for this site, then reload the page.<\/p><\/noscript>/);
  await bare.getByLabel("Email").fill("alice@handprop.test");
  await bare.getByLabel("Password").fill(PASSWORD);
  await bare.getByLabel("Password").press("Enter");
  // The implicit submission is refused by the disabled button: still the bare sign-in page.
  await expect(bare).toHaveURL(/\/signin$/);
  await bare.context().close();

  const page = await (await browser.newContext()).newPage();
  const addresses: string[] = [];
  page.on("request", (r) => addresses.push(r.url()));
  await page.goto("/signin");
  await page.getByLabel("Email").fill("alice@handprop.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeEnabled();
  await page.getByLabel("Password").press("Enter");
  await page.waitForURL(/\/dashboard/);
  expect(addresses.length).toBeGreaterThan(1);
  expect(addresses.filter((a) => a.includes(PASSWORD) || /[?&]password=/.test(a))).toEqual([]);
});

test("a signed-out session cookie, replayed, gets no name or email from /api/auth/session and no fresh cookie", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "alice@handprop.test");
  const live = await (await page.request.get("/api/auth/session")).json();
  expect(live.user?.email).toBe("alice@handprop.test");
  const kept = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/api/"));
  // An attacker who copied the cookie before the sign-out sends it again.
  const replay = await browser.newContext();
  await replay.addCookies([{ ...kept }]);
  const res = await replay.request.get("/api/auth/session");
  expect(await res.json()).toEqual({});
  expect(res.headers()["set-cookie"] ?? "").not.toContain("next-auth.session-token=ey");
  // The app's own pages replace next-auth's.
  const stock = await replay.request.get("/api/auth/verify-request", { maxRedirects: 0 });
  expect(stock.status()).toBe(303);
  expect(stock.headers().location).toBe("/signin");
  await context.close();
  await replay.close();
});

test("next-auth's stock pages open the app's sign-in page; a foreign-origin form post and a GET of the password callback are 4xx, never 500", async ({ page, baseURL }) => {
  for (const path of ["/api/auth/signin", "/api/auth/signout", "/api/auth/verify-request", "/api/auth/error?error=OAuthCallback", "/api/auth/new-user"]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/signin(\?|$)/);
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  }
  // next-auth's own "Check your email" page is not there to be shown.
  expect(await page.content()).not.toContain("sign in link has been sent");

  const callback = await page.request.get("/api/auth/callback/credentials", { maxRedirects: 0 });
  expect(callback.status()).toBe(405);
  // A server action posted from another site, by script (its Next-Action header) or as a plain multipart form.
  const fromScript = await page.request.post("/account", { headers: { origin: "https://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" }, data: "[]", maxRedirects: 0 });
  expect(fromScript.status()).toBe(403);
  const asForm = await page.request.post("/account", { headers: { origin: "https://evil.example" }, multipart: { $ACTION_ID_0: "", current: "x", next: "y", confirm: "y" }, maxRedirects: 0 });
  expect(asForm.status()).toBe(403);
  // This site's own form post is not refused by that check (an unknown action is Next's 404, still no 500).
  const own = await page.request.post("/account", { headers: { origin: new URL(baseURL!).origin }, multipart: { $ACTION_ID_0: "" }, maxRedirects: 0 });
  expect(own.status()).not.toBe(403);
  expect(own.status()).toBeLessThan(500);
});
