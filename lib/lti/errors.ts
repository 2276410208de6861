import { AppError, codeOfStatus } from "../errors";

// Why an LTI message was refused: a code the asker's language words ("lti.error.<code>") and the
// HTTP status it answers with. The internal detail (which check failed, and how) stays in `message`
// for the server's own use; the asker is told only the code's words.
export const LTI_ERRORS = {
  bad_request: 400,
  unknown_platform: 400,
  bad_token: 401,
  expired: 401,
  bad_state: 401,
  replayed: 401,
  unknown_deployment: 403,
  wrong_message: 400,
  no_course: 403,
  not_instructor: 403,
  set_not_found: 404,
  platform_error: 502,
} as const;
export type LtiErrorCode = keyof typeof LTI_ERRORS;

/** An LMS message refused: an AppError of the code's status whose message key names the code. */
export function ltiError(code: LtiErrorCode, message: string = code): AppError {
  return new AppError(codeOfStatus(LTI_ERRORS[code]), message, undefined, `lti.error.${code}`);
}

/** The LTI code of a refusal made by ltiError, or null for any other error. */
export function ltiReason(e: unknown): LtiErrorCode | null {
  if (!(e instanceof AppError) || !e.say?.startsWith("lti.error.")) return null;
  const code = e.say.slice("lti.error.".length);
  return Object.hasOwn(LTI_ERRORS, code) ? (code as LtiErrorCode) : null;
}
