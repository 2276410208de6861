// next-auth's endpoints, fenced: sign-in posts are read within their body limit; the session
// endpoint answers a revoked session (signed out, password changed, removed) as signed out, issues
// no cookie for it and clears the one sent; next-auth's own pages (sign-in, sign-out, "check your
// email", error, new user) send the browser to the app's sign-in page (with the callbackUrl and
// error they carried); a GET of the password sign-in's callback, which only takes a POST, is a 405
// rather than next-auth's 500.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/app/_lib/auth-options.server";
import { actorOf } from "@/app/_lib/session.server";
import { BODY_LIMITS } from "@/lib/body-limits";
import { isBodyError, bodyRefusal, withBodyLimit } from "@/app/_lib/http.server";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth's stock pages, which the app replaces with its own sign-in page. */
const STOCK_PAGES = new Set(["signin", "signout", "verify-request", "error", "new-user"]);

/** The session cookies the request carries (next-auth's name, with its __Secure- prefix over https, or in chunks). */
const sessionCookies = (req: NextRequest) => req.cookies.getAll().filter((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));

/** The app's sign-in page, with what next-auth's page was given to carry (its own checks apply there: app/signin/page.tsx). */
function toSignInPage(req: NextRequest): Response {
  const carried = new URLSearchParams();
  for (const key of ["callbackUrl", "error"]) {
    const value = req.nextUrl.searchParams.get(key);
    if (value) carried.set(key, value.slice(0, 500));
  }
  const query = carried.size ? `?${carried}` : "";
  // A relative address: the browser stays on the host it asked (behind a proxy the request's own URL may be an internal one).
  return new Response(null, { status: 303, headers: { location: `/signin${query}`, "cache-control": "no-store" } });
}

/** Signed out, as next-auth answers a request with no session: nothing, and the cookie that was sent cleared. */
function signedOut(req: NextRequest): Response {
  const res = Response.json({}, { headers: { "cache-control": "no-store" } });
  for (const c of sessionCookies(req)) {
    res.headers.append("set-cookie", `${c.name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${c.name.startsWith("__Secure-") ? "; Secure" : ""}`);
  }
  return res;
}

async function GET(req: NextRequest, context: Context): Promise<Response> {
  const [first, second, ...rest] = (await context.params).nextauth ?? [];
  if (first === "callback" && second === "credentials" && !rest.length) {
    return Response.json({ error: "the password sign-in takes a POST from the sign-in page" }, { status: 405, headers: { allow: "POST" } });
  }
  if (first && STOCK_PAGES.has(first)) return toSignInPage(req);
  // A session the app no longer honours (the same check as every page and route: lib/auth/session.ts)
  // gets no name, no email and no fresh cookie.
  if (first === "session" && !second && sessionCookies(req).length && !(await actorOf(req))) return signedOut(req);
  return handler(req, context);
}

/** Sign-in and sign-out posts: the body is read within its limit (413 beyond it) before next-auth sees it. */
async function POST(req: NextRequest, context: Context): Promise<Response> {
  let bounded: NextRequest;
  try {
    bounded = await withBodyLimit(req, BODY_LIMITS.auth);
  } catch (e) {
    if (isBodyError(e)) return bodyRefusal(req, e);
    throw e;
  }
  return handler(bounded, context);
}

export { GET, POST };
