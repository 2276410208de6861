// Verifying a launch (LTI 1.3 Core §5.1.3, IMS Security Framework §5.1.3): the id_token the
// platform posts must be signed by a key of the platform's JWKS, come from the registered issuer
// for this tool's client id (aud, and azp when aud names several), be unexpired, carry the nonce of
// a login this tool began (and the state that came with it: both single use), name a registered
// deployment, be LTI 1.3.0 and one of the two messages the tool handles.
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from "jose";
import type { PrismaClient } from "../db/generated/client";
import { CLAIM, launchSchema, MESSAGE_TYPES, type LaunchClaims } from "./claims";
import { ltiError, ltiReason } from "./errors";
import { platformOf } from "./platforms";

type Db = PrismaClient;
export type Platform = NonNullable<Awaited<ReturnType<typeof platformOf>>>;

/** Seconds of clock difference allowed between the platform and this server. */
const CLOCK_TOLERANCE = 5;

/** One remote key set per JWKS URL: jose caches the keys and refetches on an unknown kid (a platform's key rotation). */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
export function platformKeys(jwksUrl: string) {
  let set = keySets.get(jwksUrl);
  if (!set) keySets.set(jwksUrl, (set = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000 })));
  return set;
}

/** The client id the token is for: its aud, or its azp when aud lists several (OIDC Core §3.1.3.7). */
function clientIdOf(payload: JWTPayload): string | undefined {
  const aud = payload.aud;
  if (typeof aud === "string") return aud;
  if (Array.isArray(aud) && typeof payload.azp === "string" && aud.includes(payload.azp)) return payload.azp;
  if (Array.isArray(aud) && aud.length === 1) return aud[0];
  return undefined;
}

/** The token's issuer and client id, read before verification only to find whose keys to verify it with. */
async function platformOfToken(db: Db, idToken: string): Promise<Platform> {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(idToken);
  } catch {
    throw ltiError("bad_token", "id_token is not a JWT");
  }
  const clientId = clientIdOf(payload);
  if (typeof payload.iss !== "string" || !clientId) throw ltiError("bad_token", "id_token without iss or a usable aud/azp");
  const platform = await platformOf(db, payload.iss, clientId);
  if (!platform) throw ltiError("unknown_platform", `no registration for ${payload.iss} ${clientId}`);
  return platform;
}

async function verifySignature(idToken: string, platform: Platform, now: Date): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(idToken, platformKeys(platform.jwksUrl), {
      issuer: platform.issuer,
      audience: platform.clientId,
      algorithms: ["RS256", "RS384", "RS512", "ES256"],
      clockTolerance: CLOCK_TOLERANCE,
      currentDate: now,
      requiredClaims: ["exp", "iat", "sub", "nonce"],
    });
    if (payload.azp !== undefined && payload.azp !== platform.clientId) throw ltiError("bad_token", "azp is not this tool's client id");
    return payload;
  } catch (e) {
    if (ltiReason(e)) throw e;
    if (e instanceof errors.JWTExpired) throw ltiError("expired", "id_token expired");
    throw ltiError("bad_token", `id_token refused: ${(e as Error).message}`);
  }
}

/** Uses up the login's state: it must exist, belong to this platform, carry the token's nonce and be unexpired. */
async function consumeLogin(db: Db, platform: Platform, state: string, nonce: unknown, now: Date): Promise<void> {
  const login = state ? await db.ltiLoginState.findUnique({ where: { state } }) : null;
  if (!login) throw ltiError("replayed", "no login with this state (never begun, or already used)");
  // Deleted before anything else is checked: a state is tried once, whatever the outcome.
  const { count } = await db.ltiLoginState.deleteMany({ where: { state } });
  if (count !== 1) throw ltiError("replayed", "this login was used meanwhile");
  if (login.platformId !== platform.id || login.nonce !== nonce) throw ltiError("bad_state", "state and nonce do not belong together");
  if (login.expiresAt < now) throw ltiError("expired", "the login took too long");
}

function readClaims(payload: JWTPayload): LaunchClaims {
  const type = payload[CLAIM.messageType];
  if (!MESSAGE_TYPES.includes(type as never)) throw ltiError("wrong_message", `message type ${String(type)}`);
  if (payload[CLAIM.version] !== "1.3.0") throw ltiError("wrong_message", `LTI version ${String(payload[CLAIM.version])}`);
  const parsed = launchSchema.safeParse(payload);
  if (!parsed.success) throw ltiError("bad_request", `claims: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  return parsed.data;
}

export interface VerifiedLaunch {
  platform: Platform;
  claims: LaunchClaims;
}

export async function verifyLaunch(db: Db, form: { idToken: string; state: string }, now = new Date()): Promise<VerifiedLaunch> {
  const platform = await platformOfToken(db, form.idToken);
  const payload = await verifySignature(form.idToken, platform, now);
  await consumeLogin(db, platform, form.state, payload.nonce, now);
  const claims = readClaims(payload);
  const deployment = await db.ltiDeployment.findUnique({ where: { platformId_deploymentId: { platformId: platform.id, deploymentId: claims[CLAIM.deploymentId] } } });
  if (!deployment) throw ltiError("unknown_deployment", `deployment ${claims[CLAIM.deploymentId]} is not registered`);
  return { platform, claims };
}
