// next-auth's endpoints, fenced: sign-in posts are read within their body limit; the session
// endpoint answers a revoked session (signed out, password changed, removed) as signed out and
// issues no cookie for it; next-auth's own pages (sign-in, sign-out, "check your email", error)
// send the browser to the app's sign-in page; a GET of the password sign-in's callback, which
// only takes a POST, is a 405 rather than next-auth's 500.
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

/** Whether the request carries a session cookie at all (a signed-out browser's has none). */
const hasSessionCookie = (req: NextRequest) => req.cookies.getAll().some((c) => /(^|\.)next-auth\.session-token$/.test(c.name));

async function GET(req: NextRequest, context: Context): Promise<Response> {
  const [first, second, ...rest] = (await context.params).nextauth ?? [];
  if (first === "callback" && second === "credentials" && !rest.length) {
    return Response.json({ error: "the password sign-in takes a POST from the sign-in page" }, { status: 405, headers: { allow: "POST" } });
  }
  if (first && STOCK_PAGES.has(first) && !second) {
    return new Response(null, { status: 303, headers: { location: new URL("/signin", req.nextUrl.origin).toString() } });
  }
  // A session the app no longer honours gets no name, no email and no fresh cookie.
  if (first === "session" && !second && hasSessionCookie(req) && !(await actorOf(req))) {
    return Response.json({}, { headers: { "cache-control": "no-store" } });
  }
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
