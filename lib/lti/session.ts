// Signing in the launched user: a session token exactly like the one next-auth issues at sign-in
// (lib/auth/options.ts: sub = the user id, sv = their session version, sid = a new session id),
// encrypted with next-auth's own encode() and the same secret, in next-auth's cookie. Every later
// request reads it through the usual helpers, so the session ends the usual ways (sign-out,
// password change, removal from a course).
//
// Cookies of a site in an LMS's iframe are third-party cookies: browsers send them only when they
// are SameSite=None and Secure (and some browsers not even then). handprop refuses to be framed
// (X-Frame-Options and frame-ancestors, against clickjacking), so platforms open it in a new window
// or tab, where the cookie is first-party. SameSite=None is still set over https, so that a launch
// posted cross-site keeps its cookie on every browser; over plain http (development) it is Lax.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";

export interface SessionCookie {
  name: string;
  value: string;
  options: { httpOnly: true; secure: boolean; sameSite: "none" | "lax"; path: "/"; maxAge: number };
}

/** next-auth's cookie name: the __Secure- prefix when the site's URL is https (as getToken reads it). */
export const sessionCookieName = (secure: boolean) => (secure ? "__Secure-next-auth.session-token" : "next-auth.session-token");

export async function sessionCookieFor(user: { id: string; name: string; email: string; sessionVersion: number }, o: { secret: string; secure: boolean; maxAge: number }): Promise<SessionCookie> {
  const token = { sub: user.id, name: user.name, email: user.email, sv: user.sessionVersion, sid: randomUUID() };
  const value = await encode({ token, secret: o.secret, maxAge: o.maxAge });
  return { name: sessionCookieName(o.secure), value, options: { httpOnly: true, secure: o.secure, sameSite: o.secure ? "none" : "lax", path: "/", maxAge: o.maxAge } };
}
