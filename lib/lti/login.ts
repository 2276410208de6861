// Third-party-initiated login (LTI 1.3 Core §5.1.1, OIDC Core §4): the platform sends the browser
// here with its issuer and a login hint; the tool answers with a redirect to the platform's
// authorization endpoint, carrying a fresh state and nonce that it keeps server-side (any app
// process may receive the launch) for a few minutes, until the launch uses them once.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../db/generated/client";
import { ltiError } from "./errors";
import { platformOf } from "./platforms";

type Db = PrismaClient;

/** How long a login may take between the redirect and the launch. */
export const LOGIN_TTL_MS = 10 * 60_000;

const loginSchema = z.object({
  iss: z.string().min(1).max(500),
  login_hint: z.string().min(1).max(2000),
  target_link_uri: z.string().min(1).max(2000),
  lti_message_hint: z.string().max(4000).optional(),
  client_id: z.string().min(1).max(255).optional(),
  lti_deployment_id: z.string().min(1).max(255).optional(),
});

const token = () => randomBytes(32).toString("base64url");

/** The platform's authorization URL to send the browser to. */
export async function beginLogin(db: Db, params: Record<string, string>, launchUrl: string, now = new Date()): Promise<string> {
  const parsed = loginSchema.safeParse(params);
  if (!parsed.success) throw ltiError("bad_request", `login request: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`);
  const p = parsed.data;
  const platform = await platformOf(db, p.iss, p.client_id);
  if (!platform) throw ltiError("unknown_platform", `no registration for ${p.iss} ${p.client_id ?? "(no client id)"}`);
  const state = token();
  const nonce = token();
  // Expired logins are cleared as new ones begin (an index on expiresAt keeps this cheap).
  await db.ltiLoginState.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.ltiLoginState.create({ data: { state, nonce, platformId: platform.id, expiresAt: new Date(now.getTime() + LOGIN_TTL_MS) } });
  const url = new URL(platform.authLoginUrl);
  const q = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: platform.clientId,
    redirect_uri: launchUrl,
    login_hint: p.login_hint,
    state,
    nonce,
    ...(p.lti_message_hint ? { lti_message_hint: p.lti_message_hint } : {}),
  };
  for (const [k, v] of Object.entries(q)) url.searchParams.set(k, v);
  return url.toString();
}
