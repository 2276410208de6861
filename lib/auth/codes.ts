// Error codes the sign-in form receives from next-auth (shared by server and browser code).
/** The email is locked for a while after too many wrong passwords. */
export const TOO_MANY_ATTEMPTS = "TooManyAttempts";
/** Signing in failed for a reason of the server's (the database is down, say): try again later. */
export const SIGN_IN_UNAVAILABLE = "SignInUnavailable";
/** Single sign-on: the provider's email belongs to an account here that this sign-in may not take over. */
export const SSO_ACCOUNT_EXISTS = "SsoAccountExists";
/** Single sign-on: the provider sent no email, which a new account needs. */
export const SSO_MISSING_EMAIL = "SsoMissingEmail";
/** Single sign-on: the provider's answer could not be trusted (another issuer than configured). */
export const SSO_FAILED = "SsoFailed";
