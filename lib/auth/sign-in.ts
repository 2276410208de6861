// Signing in, as the sign-in route calls it: email and password (throttled per email and address,
// an unknown email costing as long as a wrong password, old hashes upgraded) and single sign-on
// (the provider's checked claims made a handprop account). A refusal carries only a code that the
// sign-in page words (lib/auth/codes.ts): never an internal error's text, which would reach the URL.
import { z } from "zod";
import { prisma } from "../db/client";
import { env } from "../env";
import { clientAddress } from "./address";
import { isSignInRefusal, SIGN_IN_UNAVAILABLE, signInRefusal, TOO_MANY_ATTEMPTS } from "./codes";
import { hashPassword, isOneTimeHash, needsRehash, paramsOf, verifyPassword } from "./password";
import { accountOfOidcSignIn, type OidcClaims, type SsoSettings } from "./sso";
import { SignInThrottle } from "./throttle";
import { databaseThrottleStore } from "./throttle-db";

export const throttle = new SignInThrottle(databaseThrottleStore(prisma));
// Checked when the email has no account, so that an unknown email costs as long as a wrong password.
// Hashed on the first such sign-in, not when the module loads.
let unknownUserHash: Promise<string> | undefined;
const dummyHash = () => (unknownUserHash ??= hashPassword("handprop: no such account"));

const credentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

/**
 * The email and password check: the user to sign in, null for a wrong pair, or a sign-in refusal
 * (locked after too many failures, or the server could not check). `forwardedFor` is the request's
 * X-Forwarded-For, read behind the trusted proxies.
 */
export async function signInWithPassword(raw: unknown, forwardedFor: string | undefined) {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  const attempt = { email, address: clientAddress(forwardedFor, env().TRUSTED_PROXY_HOPS) };
  try {
    if ((await throttle.retryAfter(attempt)) > 0) throw signInRefusal(TOO_MANY_ATTEMPTS);
    const user = await prisma.user.findUnique({ where: { email } });
    // An account made by single sign-on has no password: it costs as long as an unknown email.
    const usable = user && paramsOf(user.passwordHash) ? user.passwordHash : await dummyHash();
    const ok = (await verifyPassword(parsed.data.password, usable)) && usable === user?.passwordHash;
    if (!user || !ok) {
      if ((await throttle.fail(attempt)) > 0) throw signInRefusal(TOO_MANY_ATTEMPTS);
      return null;
    }
    await throttle.succeed(attempt);
    if (needsRehash(user.passwordHash)) await upgradeHash(user.id, user.passwordHash, parsed.data.password);
    // Signed in with a one-time password an instructor handed out: this session must choose the
    // person's own before anything else (the token says so: lib/auth/session.ts).
    return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, oneTime: isOneTimeHash(user.passwordHash) };
  } catch (e) {
    if (isSignInRefusal(e)) throw e;
    // Never the internal error's text: next-auth would put it in the URL.
    console.error(e);
    throw signInRefusal(SIGN_IN_UNAVAILABLE);
  }
}

/**
 * A hash made with weaker parameters is replaced by one at today's, once the password is known to
 * be right. Only if it is still the same hash (a password changed meanwhile stays changed); the
 * session version stays, since the password did not change. Failing to upgrade fails nothing.
 */
async function upgradeHash(userId: string, old: string, password: string): Promise<void> {
  try {
    await prisma.user.updateMany({ where: { id: userId, passwordHash: old }, data: { passwordHash: await hashPassword(password) } });
  } catch (e) {
    console.error(e);
  }
}

/**
 * A single sign-on arrives with the provider's claims, already checked by openid-client: the
 * handprop account is found or made here, and its id and session version replace the provider's
 * subject on the user object next-auth hands on to the jwt callback. A refusal's code reaches the
 * sign-in page as ?error= (pages.error); never an internal error's text.
 */
export async function signInOidc(sso: SsoSettings, user: { id: string; email?: string | null; name?: string | null; sessionVersion?: number }, claims: OidcClaims): Promise<true> {
  try {
    const account = await accountOfOidcSignIn(prisma, sso, claims);
    Object.assign(user, { id: account.id, email: account.email, name: account.name, sessionVersion: account.sessionVersion });
    return true;
  } catch (e) {
    if (isSignInRefusal(e)) throw e;
    console.error(e);
    throw signInRefusal(SIGN_IN_UNAVAILABLE);
  }
}
