// The language switch (app/api/locale/route.ts): the menu's own request answered in JSON, the
// plain form still redirected back to this site's page, only known languages remembered, and no
// other site able to change a reader's language.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST } from "../app/api/locale/route";

const HOST = "localhost:3000";
function ask(locale: string, headers: Record<string, string> = {}) {
  return POST(
    new NextRequest(`http://${HOST}/api/locale`, {
      method: "POST",
      headers: { host: HOST, "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams({ locale }).toString(),
    }),
  );
}
const json = { accept: "application/json", origin: `http://${HOST}` };

describe("the language menu's request", () => {
  it("remembers a known language and answers in JSON, with no redirect to follow", async () => {
    const res = await ask("ja", json);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ locale: "ja" });
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("set-cookie")).toMatch(/locale=ja;.*Path=\/.*SameSite=lax/i);
  });

  it("refuses an unknown language with a 400 in the reader's language, remembering nothing", async () => {
    for (const bad of ["xx", "", "en; Path=/evil", "../ja"]) {
      const res = await ask(bad, { ...json, cookie: "locale=ko" });
      expect(res.status).toBe(400);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect((await res.json()).message).toBe("제공하지 않는 언어입니다. English, 日本語, 한국어 중에서 고르세요.");
    }
    const ja = await ask("xx", { ...json, "accept-language": "ja,en;q=0.5" });
    expect((await ja.json()).message).toContain("対応していません");
  });
});

describe("the plain form (no JavaScript)", () => {
  it("redirects back to the page it was on, this site's paths only", async () => {
    const back = await ask("ko", { referer: `http://${HOST}/work/abc?x=1` });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe("/work/abc?x=1");
    expect(back.headers.get("set-cookie")).toMatch(/locale=ko/);
    for (const referer of ["https://evil.example/phish", `http://${HOST}//evil.example/x`, `http://${HOST}/\\evil.example`, "not a url"]) {
      const res = await ask("ja", { referer });
      expect(res.headers.get("location"), referer).toMatch(/^\/(?!\/)/);
      expect(res.headers.get("location"), referer).not.toContain("evil");
    }
  });
});

describe("another site", () => {
  it("cannot change a reader's language, by form or by request", async () => {
    for (const headers of [{ origin: "https://evil.example" }, { ...json, origin: "https://evil.example" }, { origin: "null" }]) {
      const res = await ask("ja", { ...headers, cookie: "locale=en" });
      expect(res.status).toBe(403);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect((await res.json()).message).toBe("The language can only be changed from this site's own pages.");
    }
  });
});
