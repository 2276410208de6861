// Error codes the sign-in form receives from next-auth (shared by server and browser code).
/** The email is locked for a while after too many wrong passwords. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";
/** Signing in failed for a reason of the server's (the database is down, say): try again later. */
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";
