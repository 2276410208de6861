// Single sign-on with the university's OpenID Connect provider, as a next-auth v4 OAuth provider.
// next-auth (through openid-client) runs the authorization code flow with PKCE, state and nonce,
// and checks the id_token: signature against the provider's keys, issuer, audience, expiry,
// nonce. What is left to us: the discovered issuer must be the one configured (openid-client
// trusts whatever the discovery document names), and the claims become a handprop account
// (lib/auth/external.ts).
import type { Profile } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { TokenSet } from "openid-client";
import { z } from "zod";
import type { PrismaClient } from "../db/client";
import { env, type Env } from "../env";
import { SSO_ACCOUNT_EXISTS, SSO_FAILED, SSO_MISSING_EMAIL } from "./codes";
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

const text = (x: unknown, max = 200): string | undefined => {
  if (typeof x === "number" && Number.isFinite(x)) x = String(x);
  if (typeof x !== "string") return undefined;
  const t = x.trim();
  return t && t.length <= max ? t : undefined;
};

const emailOf = (x: unknown): string | undefined => z.email().max(200).safeParse(text(x)).data;

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
      return { id: claims.sub, email: emailOf(claims.email) ?? null, name: text(claims.name) ?? null };
    },
  };
}

/** The person's name as the provider gives it: "name", else given and family names, else the username. */
function nameOf(c: OidcClaims): string | undefined {
  const parts = [text(c.given_name), text(c.family_name)].filter(Boolean).join(" ");
  return text(c.name) ?? text(parts) ?? text(c.preferred_username);
}

/** A refusal whose code the sign-in page words (next-auth passes a thrown error's message on as ?error=). */
export class SsoRefusal extends Error {}

/**
 * The handprop account of a verified sign-in at the provider: found by (issuer, sub), else created
 * (or linked, if so configured). Throws SsoRefusal with a code the sign-in page words.
 */
export async function accountOfOidcSignIn(db: Pick<PrismaClient, "user" | "externalIdentity">, s: SsoSettings, claims: OidcClaims): Promise<ExternalUser> {
  // openid-client checked "iss" against the discovery document; this checks the document itself.
  if (claims.iss !== s.issuer || typeof claims.sub !== "string" || !claims.sub) throw new SsoRefusal(SSO_FAILED);
  const result = await findOrCreateExternalUser(
    db,
    {
      kind: "oidc",
      issuer: s.issuer,
      subject: claims.sub,
      email: emailOf(claims.email),
      emailVerified: claims.email_verified === true,
      name: nameOf(claims),
      studentNumber: s.studentNumberClaim ? text(claims[s.studentNumberClaim], 64) : undefined,
    },
    { linkByEmail: s.linkVerifiedEmail ? "verified-email" : "refuse" },
  );
  if (result.ok) return result.user;
  throw new SsoRefusal(result.reason === "missing-email" ? SSO_MISSING_EMAIL : SSO_ACCOUNT_EXISTS);
}
