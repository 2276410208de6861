// Next 16's proxy (formerly middleware): every page gets a content security policy with a fresh
// nonce (lib/csp.ts). The policy goes on the request too, where Next reads the nonce to put on its
// own script tags, and the nonce itself as x-nonce for any component that needs it. Pages read
// cookies, so every one is rendered per request and gets its own nonce. /api routes carry a fixed
// script-free policy instead (next.config.ts); static files need none. A server action posted with
// another site's Origin is refused with a 403 before Next sees it.
import { NextResponse, type NextRequest } from "next/server";
import { BODY_LIMITS } from "@/lib/body-limits";
import { newNonce, pagePolicy } from "@/lib/csp";

export function proxy(request: NextRequest) {
  // A form post (server action) declaring more than its limit is refused before its body is read;
  // one without a declared length is counted as Next reads it (next.config.ts bodySizeLimit).
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > BODY_LIMITS.serverAction) {
    return new NextResponse("Request body too large.\n", { status: 413, headers: { "content-type": "text/plain; charset=utf-8", connection: "close" } });
  }
  // A server action posted from another site: refused here as a 403 (Next's own check would throw, a 500).
  if (mayBeServerAction(request) && !sameOrigin(request)) {
    return new NextResponse("Cross-site form posts are refused.\n", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const nonce = newNonce();
  const policy = pagePolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

/**
 * What Next treats as a possible server action and checks the Origin of (server-action-request-meta):
 * a POST with its Next-Action header (sent by the page's script), or a multipart form posted without
 * script (a form's action id is in its fields). An urlencoded post is never run as an action.
 */
function mayBeServerAction(request: NextRequest): boolean {
  if (request.method !== "POST") return false;
  return request.headers.has("next-action") || /^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "");
}

/** The Origin header names this host (as the browser reached it, or behind the proxy, as forwarded); none at all is not cross-site. */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin === null;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return host === (forwarded || request.headers.get("host"));
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
