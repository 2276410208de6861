// The content security policy. Pages get a fresh nonce per request (proxy.ts): only scripts that
// carry it run, which Next's own script tags do (Next reads the nonce from the policy on the
// request), and scripts they load ('strict-dynamic'); no inline script an attacker injects can.
// Styles stay 'unsafe-inline': KaTeX positions its glyphs with style attributes, which a nonce
// cannot cover (and a nonce in style-src would switch 'unsafe-inline' off).
// Development also needs eval for fast refresh.

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The policy of a page served with `nonce`. */
export function pagePolicy(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The policy of everything under /api (JSON, CSV, next-auth's plain pages): no scripts at all. */
export const API_POLICY = ["default-src 'none'", "style-src 'unsafe-inline'", "img-src 'self' data:", "form-action 'self'", "base-uri 'none'", "frame-ancestors 'none'"].join("; ");
