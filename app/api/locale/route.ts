// The language switch, remembered in a cookie. Two ways in:
// - a plain form POST (works without JavaScript): answered with a redirect back to the page it was
//   on (same site only), an unknown language ignored, as before;
// - the menu's own request (app/_components/language-menu.tsx, Accept: application/json): answered
//   with JSON, 400 for an unknown language, so the page can refresh in place without a reload.
// Either way only a request from this site's own pages may change it (Origin, when sent, names it).
import { NextResponse } from "next/server";
import { BODY_LIMITS } from "@/lib/body-limits";
import { isBodyError, bodyRefusal, readForm } from "@/app/_lib/http.server";
import { isLocale, localeFrom, translator, type Locale } from "@/lib/i18n";
import { safeLocalPath } from "@/lib/auth/redirect";

const YEAR = 365 * 24 * 3600;

/** The language the asker reads now (the cookie, else Accept-Language), for a refusal. */
function readerLocale(req: Request): Locale {
  const cookie = /(?:^|;\s*)locale=([^;]*)/.exec(req.headers.get("cookie") ?? "")?.[1];
  return localeFrom(cookie, req.headers.get("accept-language"));
}

/** A cross-site request carries another site's Origin; a same-site one this host's (or none, from older clients). */
function fromThisSite(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin === null) return true;
  try {
    return new URL(origin).host === req.headers.get("host");
  } catch {
    return false;
  }
}

/** Back to the page the switch was on: a path of this site only ("http://host//evil.example" has the path "//evil.example"). */
function backTo(req: Request): string {
  const referer = req.headers.get("referer");
  let from: URL | null = null;
  try {
    from = referer ? new URL(referer) : null;
  } catch {}
  return from && from.host === req.headers.get("host") ? safeLocalPath(from.pathname + from.search, "/") : "/";
}

const wantsJson = (req: Request) => (req.headers.get("accept") ?? "").includes("application/json");

function refusal(req: Request, status: number, code: string, say: string): Response {
  return NextResponse.json({ error: say, code, message: translator(readerLocale(req))(say) }, { status });
}

export async function POST(req: Request) {
  if (!fromThisSite(req)) return refusal(req, 403, "FORBIDDEN", "lang.otherSite");
  let form: FormData;
  try {
    form = await readForm(req, BODY_LIMITS.localeForm);
  } catch (e) {
    if (isBodyError(e)) return bodyRefusal(req, e);
    throw e;
  }
  const locale = form.get("locale");
  if (wantsJson(req) && !isLocale(locale)) return refusal(req, 400, "INVALID_INPUT", "lang.unknown");
  // A relative Location: behind a proxy or on 127.0.0.1, req.url may name another host.
  const res = wantsJson(req) ? NextResponse.json({ locale }) : new NextResponse(null, { status: 303, headers: { Location: backTo(req) } });
  if (isLocale(locale)) res.cookies.set("locale", locale, { path: "/", maxAge: YEAR, sameSite: "lax" });
  return res;
}
