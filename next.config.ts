import type { NextConfig } from "next";
import { BODY_LIMITS, PROXY_BODY_LIMIT } from "./lib/body-limits";
import { API_POLICY } from "./lib/csp";

// Every page and route: no framing by other sites (clickjacking), no MIME sniffing, no referrer
// beyond the origin. The content security policy of pages carries a per-request nonce and is set
// by proxy.ts (lib/csp.ts); /api responses get a fixed one with no scripts at all.
const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The worker pool loads its own bundle (.worker/worker.mjs); piscina itself stays a plain require.
  serverExternalPackages: ["piscina"],
  experimental: {
    // Form posts to pages (server actions) are read counting bytes and stopped past this limit
    // (Next's default is the same 1 MB; the largest legitimate post is a roster CSV).
    serverActions: { bodySizeLimit: BODY_LIMITS.serverAction },
    // What proxy.ts buffers of a request body (Next's default: 10 MB per request).
    proxyClientMaxBodySize: PROXY_BODY_LIMIT,
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      // The deep-linking answer posts itself to the LMS: it sets its own, narrower policy (app/api/lti/deep-link).
      { source: "/api/:path((?!lti/deep-link$).*)", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
    ];
  },
};

export default nextConfig;
