// Where a redirect may go after sign-in (and wherever a page is named by the request): only this
// site's own paths. Parsed as a URL against a fixed base and compared by origin, never by prefix:
// browsers read "/\evil.example" as "//evil.example", strip tabs and newlines from URLs, and a
// percent-encoded form may be decoded again further on, so anything with a backslash or a control
// character, raw or percent-encoded, is refused outright.

const BASE = new URL("http://handprop.invalid");
const SUSPICIOUS = /[\\\u0000-\u001f\u007f]/;

/** `raw` as a path of this site ("/dashboard?x=1#y"), or `fallback` when it is anything else. */
export function safeLocalPath(raw: unknown, fallback = "/dashboard"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  if (!raw.startsWith("/") || SUSPICIOUS.test(raw)) return fallback;
  // The same checks on every decoding of it ("%5C", "%09", "%2F%2F", "%255C"...).
  let decoded = raw;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    decoded = next;
    if (SUSPICIOUS.test(decoded) || decoded.startsWith("//")) return fallback;
  }
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE.origin || url.username || url.password) return fallback;
  const path = url.pathname + url.search + url.hash;
  // The parser may still have made "//host" of it ("/.//evil" → "//evil" after dot removal).
  return path.startsWith("//") ? fallback : path;
}

/**
 * next-auth's redirect callback: a path of this site, or an absolute URL on `baseUrl`'s origin,
 * becomes that URL; anything else (another origin, "javascript:", "/\evil") becomes `baseUrl`.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate = url;
  if (!url.startsWith("/")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return baseUrl;
    }
    if (parsed.origin !== base.origin) return baseUrl;
    candidate = parsed.pathname + parsed.search + parsed.hash;
  }
  const path = safeLocalPath(candidate, "");
  return path ? `${base.origin}${path}` : baseUrl;
}
