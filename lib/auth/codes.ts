// Error codes the sign-in form receives from next-auth (shared by server and browser code), and the
// refusal that carries one.
import { AppError } from "../errors";

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

const REFUSAL_CODES: readonly string[] = [TOO_MANY_ATTEMPTS, SIGN_IN_UNAVAILABLE, SSO_ACCOUNT_EXISTS, SSO_MISSING_EMAIL, SSO_FAILED];

/** A refusal whose code the sign-in form shows (next-auth passes a thrown error's message on as ?error=). */
export const signInRefusal = (code: string) => new AppError("FORBIDDEN", code, undefined, "errors.signInRefused");

/** A refusal made by signInRefusal: its message is a code the sign-in page words, and nothing else. */
export const isSignInRefusal = (e: unknown): e is AppError => e instanceof AppError && e.say === "errors.signInRefused" && REFUSAL_CODES.includes(e.message);
