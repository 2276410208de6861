// Error codes the sign-in form receives from next-auth (shared by server and browser code).
/** The email is locked for a while after too many wrong passwords. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";
