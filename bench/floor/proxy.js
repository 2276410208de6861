// The app's proxy (proxy.ts) in miniature: every page gets a fresh script nonce and its policy, on
// the request (where Next reads it for its own script tags) and on the response.
import { NextResponse } from "next/server";

export function proxy(request) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'`;
  const forwarded = new Headers([...request.headers, ["x-nonce", nonce], ["content-security-policy", policy]]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = { matcher: ["/page"] };
