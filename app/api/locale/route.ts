// The language switch: a plain form POST (works without JavaScript), remembered in a cookie.
import { NextResponse } from "next/server";
import { BODY_LIMITS } from "@/lib/body-limits";
import { BodyError, bodyRefusal, readForm } from "@/lib/http";
import { isLocale } from "@/lib/i18n";
import { safeLocalPath } from "@/lib/auth/redirect";

export async function POST(req: Request) {
  let form: FormData;
  try {
    form = await readForm(req, BODY_LIMITS.localeForm);
  } catch (e) {
    if (e instanceof BodyError) return bodyRefusal(req, e);
    throw e;
  }
  const locale = form.get("locale");
  // Back to the page the switch was on (same origin only).
  const referer = req.headers.get("referer");
  let from: URL | null = null;
  try {
    from = referer ? new URL(referer) : null;
  } catch {}
  // A path of this site only ("http://host//evil.example" has the path "//evil.example").
  const target = from && from.host === req.headers.get("host") ? safeLocalPath(from.pathname + from.search, "/") : "/";
  // A relative Location: behind a proxy or on 127.0.0.1, req.url may name another host.
  const res = new NextResponse(null, { status: 303, headers: { Location: target } });
  if (isLocale(locale)) res.cookies.set("locale", locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
  return res;
}
