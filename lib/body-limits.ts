// How large a request body may be, per kind of request, in bytes. Beyond it the request is refused
// with 413: by its declared Content-Length before anything is read, else while it is read, as soon
// as the count passes the limit (app/_lib/http.server.ts readBody). No dependencies: next.config.ts and
// proxy.ts read it too.
export const BODY_LIMITS = {
  /**
   * A draft or a submission: every answer of the largest exercise the builder makes (6 layers of
   * 8 units, a batch of 8, 10 steps: ~20,000 cells) fits as JSON; an ordinary one is a few KB.
   */
  answers: 256 * 1024,
  /** The live preview: one cell (1,000 characters) or a pasted matrix (20,000 characters), JSON-escaped and in UTF-8. */
  preview: 128 * 1024,
  /** A student's written solution to read into the grids: a transcript of at most 200 KB, JSON-escaped. */
  transcript: 512 * 1024,
  /** The language switch: one field. */
  localeForm: 4 * 1024,
  /** Signing in or out: an email, a password, a CSRF token and a callback address. */
  auth: 16 * 1024,
  /**
   * A server action (a form posted to a page). The largest is a roster CSV (at most 200,000
   * characters, up to 3 bytes each in UTF-8) or a pasted template (at most 100,000 characters).
   */
  serverAction: 1024 * 1024,
} as const;

/**
 * What the proxy buffers of a form post to a page. More than a server action's limit by more than
 * one chunk of the socket (64 KB), so that a post too large meets Next's own refusal (the action
 * reads past its limit and stops), never a body silently cut short at the action's limit.
 */
export const PROXY_BODY_LIMIT = BODY_LIMITS.serverAction + 128 * 1024;
