// Typed errors of the domain, mapped to HTTP statuses in one place.
import type { Reason } from "./reasons";

export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID_INPUT" | "CONFLICT" | "UNSUPPORTED_MEDIA_TYPE" | "TOO_MANY_REQUESTS";

export const STATUS: Record<ErrorCode, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, INVALID_INPUT: 422, CONFLICT: 409, UNSUPPORTED_MEDIA_TYPE: 415, TOO_MANY_REQUESTS: 429 };

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
}

export const notFound = (what = "not found") => new AppError("NOT_FOUND", what);
