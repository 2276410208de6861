// next-auth v4: email + password (Credentials) and, when configured, the university's OpenID
// Connect provider (lib/auth/sso.ts); JWT sessions holding the user id, the user's
// session version at sign-in ("sv"), a session id ("sid") and, for a sign-in with a one-time
// password, "otp" (the session must choose the person's own password first). Roles are read from the database on
// every request, never trusted from the token, and so is the session version: a token whose
// version is no longer the user's (signed out, password changed, removed) is refused
// (lib/auth/session.ts).
import { randomUUID } from "node:crypto";
import type { LoggerInstance, NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { prisma } from "@/lib/db/client";
import { sessionSecret } from "@/lib/env";
import { safeRedirect } from "@/lib/auth/redirect";
import { endSession } from "@/lib/auth/revoke";
import { signInOidc, signInWithPassword } from "@/lib/auth/sign-in";
import { claimEmail, claimText, SSO_PROVIDER_ID, ssoSettings, type OidcClaims, type SsoSettings } from "@/lib/auth/sso";

declare module "next-auth" {
  interface User {
    sessionVersion?: number;
    /** Signed in with a one-time password (lib/auth/sign-in.ts): the session must choose the person's own first. */
    oneTime?: boolean;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    /** The user's session version when this session was issued. */
    sv?: number;
    /** This session's id (one-time messages are kept per session). */
    sid?: string;
    /** Set when the session began with a one-time password, which it must replace before anything else. */
    otp?: true;
  }
}

/** A header of next-auth's request object (a plain record in the app router, a Headers elsewhere). */
function header(req: unknown, name: string): string | undefined {
  const h = (req as { headers?: unknown } | undefined)?.headers;
  if (!h) return undefined;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

/** The claims the account is made from; the student number's may only be at the userinfo endpoint. */
function missingClaims(claims: OidcClaims, s: SsoSettings): boolean {
  return claims.email === undefined || claims.name === undefined || (!!s.studentNumberClaim && claims[s.studentNumberClaim] === undefined);
}

/** The next-auth provider object: discovery, the code flow with every check, the id_token's claims. */
export function oidcProvider(s: SsoSettings): OAuthConfig<OidcClaims> {
  return {
    id: SSO_PROVIDER_ID,
    name: s.name,
    type: "oauth",
    wellKnown: s.discoveryUrl,
    issuer: s.issuer,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: s.scopes } },
    userinfo: {
      // Many providers put only "sub" in the id_token and the rest at the userinfo endpoint (as
      // oidc-provider does by default). The signed id_token's claims win; userinfo fills gaps, and
      // openid-client refuses a userinfo answer about another subject.
      async request({ tokens, client }): Promise<Profile> {
        // next-auth types the tokens as plain parameters; at run time they are openid-client's TokenSet.
        const set = tokens as TokenSet;
        const claims = set.claims() as OidcClaims;
        if (missingClaims(claims, s) && client.issuer.metadata.userinfo_endpoint && set.access_token) Object.assign(claims, { ...(await client.userinfo(set)), ...claims });
        // Profile's fields are typed as strings; what the provider sent is checked by profile() and accountOfOidcSignIn().
        return claims as Profile;
      },
    },
    profile(claims) {
      return { id: claims.sub, email: claimEmail(claims.email) ?? null, name: claimText(claims.name) ?? null };
    },
  };
}

/** The message of whatever next-auth logs: never the metadata itself, which can hold tokens (openid-client's errors carry the id_token). */
function messageOf(metadata: unknown): string {
  const m = metadata as { message?: unknown; error?: { message?: unknown } } | undefined;
  const text = m?.error?.message ?? m?.message;
  return typeof text === "string" ? text.slice(0, 300) : "";
}

const logger: LoggerInstance = {
  error: (code, metadata) => console.error(`[next-auth] ${code}: ${messageOf(metadata)}`),
  warn: (code) => console.warn(`[next-auth] ${code}`),
  debug: () => {},
};

/** next-auth's options, with the single sign-on provider when `sso` is set (tests pass their own). */
export function buildAuthOptions(sso: SsoSettings | null): NextAuthOptions {
  return {
    secret: sessionSecret(),
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    // Sign-in errors (a refused single sign-on) come back to the sign-in page as ?error=<code>.
    pages: { signIn: "/signin", error: "/signin" },
    logger,
    providers: [
      CredentialsProvider({
        name: "Email",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (raw, req) => signInWithPassword(raw, header(req, "x-forwarded-for")),
      }),
      ...(sso ? [oidcProvider(sso)] : []),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== SSO_PROVIDER_ID) return true;
        if (!sso || !profile) return false;
        return signInOidc(sso, user, profile as OidcClaims);
      },
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = user.sessionVersion ?? 0;
          token.sid = randomUUID();
          if (user.oneTime) token.otp = true;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sv: token.sv, sid: token.sid };
      },
      // Only this site's own pages, whatever callbackUrl a link carried.
      redirect({ url, baseUrl }) {
        return safeRedirect(url, baseUrl);
      },
    },
    events: {
      // Signing out ends this user's sessions everywhere: the version the token carries moves on.
      async signOut({ token }) {
        await endSession(prisma, token);
      },
    },
  };
}

export const authOptions: NextAuthOptions = buildAuthOptions(ssoSettings());
