// The application's one error: a code (mapped to an HTTP status here, and nowhere else), the
// server's own message, per-field details and the message key the person who caused it reads.
// Converted once at the worker boundary (lib/workers/pool.ts) and once at the HTTP edge
// (app/_lib/http.server.ts). Engines keep their internal errors (the exercise validator's, the
// cell parser's, the job runner's, the hashing queue's) and are converted where they meet the app.
import type { z } from "zod";
import type { Reason } from "./reasons";

export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "TOO_MANY_REQUESTS"
  | "BAD_GATEWAY";

export const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 422,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  BAD_GATEWAY: 502,
};

/** The code of an HTTP status (the builders below take statuses where a protocol names them). */
export function codeOfStatus(status: number): ErrorCode {
  const found = (Object.keys(STATUS) as ErrorCode[]).find((c) => STATUS[c] === status);
  if (!found) throw new Error(`no error code for HTTP status ${status}`);
  return found;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Per field: a message, or a typed cell's reason (translated when sent). */
    readonly details?: Record<string, string | Reason>,
    /** A message key ("errors.…") for the person who caused it, when the UI shows it as it is. */
    readonly say?: string,
  ) {
    super(message);
    this.name = "AppError";
  }

  /** The HTTP status the code answers with. */
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = "not found") => new AppError("NOT_FOUND", what);

/** A zod refusal as the domain's error (422), naming every field it concerns; `say` when one message fits them all. */
export function invalidInput(e: z.ZodError, say?: string): AppError {
  const fields = Object.fromEntries(e.issues.map((i) => [i.path.join(".") || "input", i.message]));
  return new AppError("INVALID_INPUT", e.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), fields, say);
}

/** Reads `raw` with `schema`, or refuses it with 422 naming the fields. */
export function parseOr422<T>(schema: z.ZodType<T>, raw: unknown, say?: string): T {
  const r = schema.safeParse(raw);
  if (!r.success) throw invalidInput(r.error, say);
  return r.data;
}
