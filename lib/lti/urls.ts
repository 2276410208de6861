// The tool's own addresses, as a platform is told them at registration and as messages name them.
// The site's public origin is NEXTAUTH_URL when set (behind a proxy the request's own URL may be an
// internal one), else the request's origin.

export interface ToolUrls {
  /** The target link URI / "tool URL". */
  tool: string;
  login: string;
  launch: string;
  jwks: string;
  deepLink: string;
}

export function toolUrls(origin: string): ToolUrls {
  const base = origin.replace(/\/+$/, "");
  return { tool: `${base}/api/lti/launch`, login: `${base}/api/lti/login`, launch: `${base}/api/lti/launch`, jwks: `${base}/api/lti/jwks`, deepLink: `${base}/api/lti/launch` };
}

/** The public origin of the site answering `requestUrl`. */
export function publicOrigin(requestUrl: string, configured: string | undefined): string {
  return new URL(configured ?? requestUrl).origin;
}
