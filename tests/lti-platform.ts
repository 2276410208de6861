// An LMS as the IMS specifications describe it, small enough to start inside a test: its JWKS,
// the OIDC authorization endpoint of a third-party-initiated login (answering with the id_token
// form that a browser posts to the tool), the token endpoint of the client-credentials grant
// (which verifies the tool's signed client assertion against the tool's own JWKS), the roster
// (NRPS 2.0, paged with Link headers), and line items' score endpoints (AGS 2.0). It records every
// message the tool sends, so that tests can assert them; it can be told to fail.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload } from "jose";

export const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
export const ROLE = {
  instructor: "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
  ta: "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant",
  learner: "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner",
};

export interface Member {
  user_id: string;
  roles: string[];
  status?: "Active" | "Inactive" | "Deleted";
  name?: string;
  email?: string;
  /** The registrar's id (how a university LMS carries the student number). */
  lis_person_sourcedid?: string;
}

export interface Recorded {
  tokenRequests: { form: Record<string, string>; assertion: JWTPayload; header: Record<string, unknown> }[];
  scores: { lineItem: string; contentType: string | undefined; authorization: string | undefined; body: Record<string, unknown> }[];
  authRequests: Record<string, string>[];
  deepLinkReturns: string[];
  membershipPages: string[];
}

export interface Platform {
  issuer: string;
  clientId: string;
  deploymentId: string;
  origin: string;
  urls: { auth: string; token: string; jwks: string; memberships: string; lineItem: (id: string) => string; deepLinkReturn: string };
  recorded: Recorded;
  /** The claims of the launch that the next authorization request for this login hint answers with. */
  prepare(loginHint: string, claims: Record<string, unknown>): void;
  /** Signs any payload with the platform's key (or another key, for forged tokens). */
  sign(payload: Record<string, unknown>, o?: { forged?: boolean; expiresIn?: number; aud?: string | string[] }): Promise<string>;
  members: Member[];
  /** The next n score posts answer 503. */
  failScores(n: number): void;
  close(): Promise<void>;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let s = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (s += c));
    req.on("end", () => resolve(s));
    req.on("error", reject);
  });

const html = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Starts the platform; `toolKeys` gives the tool's public JWKS (fetched from /api/lti/jwks, or read directly in unit tests). */
export async function startPlatform(o: { port?: number; toolKeys: () => Promise<{ keys: JWK[] }>; pageSize?: number }): Promise<Platform> {
  const keys = await generateKeyPair("RS256", { extractable: true });
  const other = await generateKeyPair("RS256", { extractable: true });
  const kid = "platform-key-1";
  const jwks = { keys: [{ ...(await exportJWK(keys.publicKey)), kid, alg: "RS256", use: "sig" }] };
  const prepared = new Map<string, Record<string, unknown>>();
  const tokens = new Set<string>();
  const recorded: Recorded = { tokenRequests: [], scores: [], authRequests: [], deepLinkReturns: [], membershipPages: [] };
  let scoreFailures = 0;
  const pageSize = o.pageSize ?? 2;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(e));
    });
  });
  await new Promise<void>((r) => server.listen(o.port ?? 0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const origin = `http://127.0.0.1:${port}`;
  const platform: Platform = {
    issuer: origin,
    clientId: "handprop-client-1",
    deploymentId: "deployment-1",
    origin,
    urls: {
      auth: `${origin}/auth`,
      token: `${origin}/token`,
      jwks: `${origin}/jwks`,
      memberships: `${origin}/courses/c1/memberships`,
      lineItem: (id) => `${origin}/courses/c1/lineitems/${id}?type=x`,
      deepLinkReturn: `${origin}/deep-link-return`,
    },
    recorded,
    members: [],
    prepare: (hint, claims) => void prepared.set(hint, claims),
    async sign(payload, s = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
        .setIssuer(platform.issuer)
        .setAudience(s.aud ?? platform.clientId)
        .setIssuedAt(now - 1)
        .setExpirationTime(now + (s.expiresIn ?? 300))
        .sign(s.forged ? other.privateKey : keys.privateKey);
    },
    failScores: (n) => void (scoreFailures = n),
    close: () => new Promise((r) => server.close(() => r())),
  };

  /** The bearer token must be one the token endpoint gave. */
  const authorized = (req: IncomingMessage) => tokens.has((req.headers.authorization ?? "").replace(/^Bearer /, ""));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/jwks") return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
    if (url.pathname === "/auth") return authorize(url, res);
    if (url.pathname === "/token" && req.method === "POST") return token(Object.fromEntries(new URLSearchParams(await read(req))), res);
    if (url.pathname === "/courses/c1/memberships") return memberships(req, url, res);
    const score = /^\/courses\/c1\/lineitems\/([^/]+)\/scores$/.exec(url.pathname);
    if (score && req.method === "POST") return scores(req, score[1], await read(req), res);
    if (url.pathname === "/deep-link-return" && req.method === "POST") {
      recorded.deepLinkReturns.push(new URLSearchParams(await read(req)).get("JWT") ?? "");
      return void res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>LMS</title><h1>Content linked</h1>");
    }
    res.writeHead(404).end();
  }

  /** OIDC authorization (LTI 1.3 Core §5.1.1.3): the prepared launch, as a form the browser posts to redirect_uri. */
  async function authorize(url: URL, res: ServerResponse) {
    const q = Object.fromEntries(url.searchParams);
    recorded.authRequests.push(q);
    const claims = prepared.get(q.login_hint);
    const ok = q.scope === "openid" && q.response_type === "id_token" && q.response_mode === "form_post" && q.prompt === "none" && q.client_id === platform.clientId && q.nonce && q.state && claims;
    if (!ok) return void res.writeHead(400, { "content-type": "text/plain" }).end("bad authorization request");
    const idToken = await platform.sign({ ...claims, nonce: q.nonce });
    const page = `<!doctype html><title>LMS</title><form method="post" action="${html(q.redirect_uri)}"><input type="hidden" name="id_token" value="${html(idToken)}"><input type="hidden" name="state" value="${html(q.state)}"><button type="submit">Continue</button></form><script>document.forms[0].submit()</script>`;
    res.writeHead(200, { "content-type": "text/html" }).end(page);
  }

  /** Client credentials with a JWT client assertion (IMS Security §4.1), verified against the tool's JWKS. */
  async function token(form: Record<string, string>, res: ServerResponse) {
    const refuse = (why: string) => void res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: "invalid_client", why }));
    if (form.grant_type !== "client_credentials") return refuse("grant_type");
    if (form.client_assertion_type !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return refuse("client_assertion_type");
    try {
      const { payload, protectedHeader } = await jwtVerify(form.client_assertion, createLocalJWKSet(await o.toolKeys()), {
        issuer: platform.clientId,
        subject: platform.clientId,
        audience: platform.urls.token,
        requiredClaims: ["exp", "iat", "jti"],
      });
      recorded.tokenRequests.push({ form, assertion: payload, header: protectedHeader as Record<string, unknown> });
    } catch (e) {
      return refuse(`assertion: ${(e as Error).message}`);
    }
    const access = randomUUID();
    tokens.add(access);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ access_token: access, token_type: "Bearer", expires_in: 3600, scope: form.scope }));
  }

  function memberships(req: IncomingMessage, url: URL, res: ServerResponse) {
    if (!authorized(req)) return void res.writeHead(401).end();
    recorded.membershipPages.push(url.toString());
    const page = Number(url.searchParams.get("page") ?? 0);
    const members = platform.members.slice(page * pageSize, (page + 1) * pageSize);
    const headers: Record<string, string> = { "content-type": "application/vnd.ims.lti-nrps.v2.membershipcontainer+json" };
    if ((page + 1) * pageSize < platform.members.length) headers.link = `<${platform.urls.memberships}?page=${page + 1}>; rel="next"`;
    res.writeHead(200, headers).end(JSON.stringify({ id: url.toString(), context: { id: "c1" }, members }));
  }

  function scores(req: IncomingMessage, lineItem: string, body: string, res: ServerResponse) {
    if (!authorized(req)) return void res.writeHead(401).end();
    if (scoreFailures > 0) {
      scoreFailures--;
      return void res.writeHead(503).end("down for maintenance");
    }
    recorded.scores.push({ lineItem, contentType: req.headers["content-type"], authorization: req.headers.authorization, body: JSON.parse(body) as Record<string, unknown> });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  }

  return platform;
}

/** The claims of a launch from this platform (LTI 1.3 Core §5.3), to be changed per test. */
export function launchClaims(p: Platform, o: { sub: string; roles: string[]; messageType?: string; resourceLink?: string; custom?: Record<string, string>; lineItem?: string; name?: string; email?: string }) {
  const deepLinking = o.messageType === "LtiDeepLinkingRequest";
  return {
    sub: o.sub,
    name: o.name ?? `User ${o.sub}`,
    ...(o.email ? { email: o.email } : {}),
    [`${LTI}message_type`]: o.messageType ?? "LtiResourceLinkRequest",
    [`${LTI}version`]: "1.3.0",
    [`${LTI}deployment_id`]: p.deploymentId,
    [`${LTI}target_link_uri`]: "http://tool.example/api/lti/launch",
    [`${LTI}roles`]: o.roles,
    [`${LTI}context`]: { id: "c1", label: "NN101", title: "Neural networks 101" },
    ...(deepLinking
      ? { "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": { deep_link_return_url: p.urls.deepLinkReturn, accept_types: ["ltiResourceLink"], accept_lineitem: true, data: "opaque-data-42" } }
      : { [`${LTI}resource_link`]: { id: o.resourceLink ?? "link-1", title: "A link" } }),
    ...(o.custom ? { [`${LTI}custom`]: o.custom } : {}),
    "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint": {
      scope: ["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem", "https://purl.imsglobal.org/spec/lti-ags/scope/score"],
      lineitems: `${p.origin}/courses/c1/lineitems`,
      ...(o.lineItem ? { lineitem: o.lineItem } : {}),
    },
    "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": { context_memberships_url: p.urls.memberships, service_versions: ["2.0"] },
  };
}
