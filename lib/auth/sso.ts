// Single sign-on with the university's OpenID Connect provider: its settings, and the account a
// verified sign-in becomes. The next-auth provider object is app/_lib/auth-options.server.ts's:
// next-auth (through openid-client) runs the authorization code flow with PKCE, state and nonce,
// and checks the id_token: signature against the provider's keys, issuer, audience, expiry,
// nonce. What is left to us: the discovered issuer must be the one configured (openid-client
// trusts whatever the discovery document names), and the claims become a handprop account
// (lib/auth/external.ts).
import { z } from "zod";
import type { PrismaClient } from "../db/client";
import { env, type Env } from "../env";
import { signInRefusal, SSO_ACCOUNT_EXISTS, SSO_FAILED, SSO_MISSING_EMAIL } from "./codes";
import { findOrCreateExternalUser, type ExternalUser } from "./external";
import { SSO_PROVIDER_ID } from "./sso-id";

export { SSO_PROVIDER_ID };

export interface SsoSettings {
  /** The issuer exactly as configured; the id_token's "iss" must equal it. */
  issuer: string;
  /** Where the provider's metadata is read: the issuer's /.well-known/openid-configuration. */
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** The university's name on the button. */
  name: string;
  studentNumberClaim?: string;
  scopes: string;
  linkVerifiedEmail: boolean;
}

/** The claims handprop reads (from the id_token, completed from the userinfo endpoint). */
export interface OidcClaims {
  iss?: string;
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
  preferred_username?: unknown;
  [claim: string]: unknown;
}

/** OpenID Connect Discovery 1.0, section 4: the issuer without a trailing slash, then the well-known path. */
export const discoveryUrlOf = (issuer: string) => `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;

/** The single sign-on settings of the environment, or null when it is not configured. */
export function ssoSettings(e: Env = env()): SsoSettings | null {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.OIDC_ISSUER,
    discoveryUrl: discoveryUrlOf(e.OIDC_ISSUER),
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    name: e.OIDC_PROVIDER_NAME ?? new URL(e.OIDC_ISSUER).hostname,
    studentNumberClaim: e.OIDC_STUDENT_NUMBER_CLAIM,
    scopes: e.OIDC_SCOPES ?? "openid email profile",
    linkVerifiedEmail: e.OIDC_LINK_VERIFIED_EMAIL === "on",
  };
}

/** A claim as text: trimmed, at most `max` characters (a number is its digits), else undefined. */
export const claimText = (x: unknown, max = 200): string | undefined => {
  if (typeof x === "number" && Number.isFinite(x)) x = String(x);
  if (typeof x !== "string") return undefined;
  const t = x.trim();
  return t && t.length <= max ? t : undefined;
};

/** A claim as an email address, else undefined. */
export const claimEmail = (x: unknown): string | undefined => z.email().max(200).safeParse(claimText(x)).data;

/** The person's name as the provider gives it: "name", else given and family names, else the username. */
function nameOf(c: OidcClaims): string | undefined {
  const parts = [claimText(c.given_name), claimText(c.family_name)].filter(Boolean).join(" ");
  return claimText(c.name) ?? claimText(parts) ?? claimText(c.preferred_username);
}

/**
 * The handprop account of a verified sign-in at the provider: found by (issuer, sub), else created
 * (or linked, if so configured). Throws a sign-in refusal with a code the sign-in page words.
 */
export async function accountOfOidcSignIn(db: Pick<PrismaClient, "user" | "externalIdentity">, s: SsoSettings, claims: OidcClaims): Promise<ExternalUser> {
  // openid-client checked "iss" against the discovery document; this checks the document itself.
  if (claims.iss !== s.issuer || typeof claims.sub !== "string" || !claims.sub) throw signInRefusal(SSO_FAILED);
  const result = await findOrCreateExternalUser(
    db,
    {
      kind: "oidc",
      issuer: s.issuer,
      subject: claims.sub,
      email: claimEmail(claims.email),
      emailVerified: claims.email_verified === true,
      name: nameOf(claims),
      studentNumber: s.studentNumberClaim ? claimText(claims[s.studentNumberClaim], 64) : undefined,
    },
    { linkByEmail: s.linkVerifiedEmail ? "verified-email" : "refuse" },
  );
  if (result.ok) return result.user;
  throw signInRefusal(result.reason === "missing-email" ? SSO_MISSING_EMAIL : SSO_ACCOUNT_EXISTS);
}
