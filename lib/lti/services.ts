// Calling a platform's services (AGS, NRPS) as the tool: an OAuth 2 access token from the
// platform's token endpoint by the client-credentials grant, the tool authenticating with a JWT
// signed by its own key (RFC 7523 private_key_jwt; IMS Security Framework §4.1). The token is kept
// on the platform's row until a minute before it expires, so every app process reuses it.
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { z } from "zod";
import type { PrismaClient } from "../db/generated/client";
import { SCOPE } from "./claims";
import { ltiError } from "./errors";
import { ALG, signingKey } from "./keys";

type Db = PrismaClient;
export interface ServicePlatform {
  id: string;
  clientId: string;
  tokenUrl: string;
}

/** Everything the tool may ask for, asked for at once: one token serves scores and rosters. */
export const SCOPES = [SCOPE.lineItem, SCOPE.score, SCOPE.memberships].join(" ");
const TIMEOUT_MS = 10_000;
const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional(), scope: z.string().optional() });

/** The client assertion: issued by and about the tool's client id, for the token endpoint, short-lived and unique. */
export async function clientAssertion(db: Db, platform: ServicePlatform): Promise<string> {
  const { kid, key } = await signingKey(db);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALG, kid, typ: "JWT" })
    .setIssuer(platform.clientId)
    .setSubject(platform.clientId)
    .setAudience(platform.tokenUrl)
    .setIssuedAt()
    .setExpirationTime("5m")
    .setJti(randomUUID())
    .sign(key);
}

async function requestToken(db: Db, platform: ServicePlatform, now: Date): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: await clientAssertion(db, platform),
    scope: SCOPES,
  });
  const res = await fetch(platform.tokenUrl, { method: "POST", body, headers: { accept: "application/json" }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw ltiError("platform_error", `token endpoint answered ${res.status}`);
  const parsed = tokenAnswer.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw ltiError("platform_error", "token endpoint answered without an access_token");
  const expires = new Date(now.getTime() + (parsed.data.expires_in ?? 3600) * 1000);
  await db.ltiPlatform.update({ where: { id: platform.id }, data: { accessToken: parsed.data.access_token, accessTokenScope: SCOPES, accessTokenExpiresAt: expires } });
  return parsed.data.access_token;
}

/** A valid access token for the platform's services (the kept one, or a new one). */
export async function accessToken(db: Db, platform: ServicePlatform, now = new Date()): Promise<string> {
  const kept = await db.ltiPlatform.findUnique({ where: { id: platform.id }, select: { accessToken: true, accessTokenScope: true, accessTokenExpiresAt: true } });
  if (kept?.accessToken && kept.accessTokenScope === SCOPES && kept.accessTokenExpiresAt && kept.accessTokenExpiresAt.getTime() > now.getTime() + 60_000) return kept.accessToken;
  return requestToken(db, platform, now);
}

/** Forgets the kept token (the platform refused it: revoked, or its keys changed). */
export async function dropToken(db: Db, platformId: string): Promise<void> {
  await db.ltiPlatform.update({ where: { id: platformId }, data: { accessToken: null, accessTokenScope: null, accessTokenExpiresAt: null } });
}

/** A service call with the token; a 401 drops the token and tries once more with a new one. */
export async function callService(db: Db, platform: ServicePlatform, url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const token = await accessToken(db, platform);
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    const res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status !== 401 || attempt > 0) return res;
    await dropToken(db, platform.id);
  }
}
