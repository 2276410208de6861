// The one place that reads process.env: typed, validated, failing at start-up with a clear message.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Signs session tokens. Required in production; `npm run demo` generates one into .data/. */
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  /** The embedded default: a SQLite file (prisma/dev.db when unset). */
  SQLITE_URL: z.string().startsWith("file:", "SQLITE_URL must start with file:").optional(),
  /** Production: a PostgreSQL URL; when set, it is used instead of SQLite. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL").optional(),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For (nginx with
   * $proxy_add_x_forwarded_for: 1). The sign-in throttle takes the client's address that many
   * entries from the right, the part no client can forge. Default 1.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** "off": this process runs no durable jobs (lib/run/app.ts); another process does. */
  HANDPROP_JOBS: z.enum(["on", "off"]).optional(),
  /** Initial passwords a roster import hashes at once (lib/teach/courses.ts); 2 suits 2 cores. */
  HANDPROP_IMPORT_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Test suites only (with NODE_ENV=test): cheap password hashes; see fastTestHashing(). */
  HANDPROP_INSECURE_TEST_HASHING: z.literal("1").optional(),
  // Single sign-on with the university's OpenID Connect provider (lib/auth/sso.ts). Issuer, client
  // id and secret together switch it on; with none of them there is no SSO button.
  /** The provider's issuer URL, exactly as its discovery document and id_tokens name it. */
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  /** The university's name, shown on the button: "Sign in with {name}". */
  OIDC_PROVIDER_NAME: z.string().trim().min(1).max(100).optional(),
  /** The claim that holds the student number ("student_number", or a URL-named claim); none when unset. */
  OIDC_STUDENT_NUMBER_CLAIM: z.string().regex(/^[\w.:/-]{1,200}$/, "OIDC_STUDENT_NUMBER_CLAIM must be a claim name").optional(),
  /** The scopes asked for; default "openid email profile". */
  OIDC_SCOPES: z.string().regex(/^openid( [\w.:/-]+)*$/, "OIDC_SCOPES must start with openid, space-separated").optional(),
  /**
   * "on": a first SSO sign-in whose email (marked email_verified by the provider) belongs to an
   * existing account links to it. "off" (default): it is refused; see docs/lms.md.
   */
  OIDC_LINK_VERIFIED_EMAIL: z.enum(["on", "off"]).default("off"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  if (parsed.data.NODE_ENV === "production" && !parsed.data.NEXTAUTH_SECRET && process.env.NEXT_PHASE !== "phase-production-build") {
    throw new Error("NEXTAUTH_SECRET is required in production (npm run demo creates one for the demo)");
  }
  if (parsed.data.HANDPROP_INSECURE_TEST_HASHING && parsed.data.NODE_ENV !== "test") {
    throw new Error("HANDPROP_INSECURE_TEST_HASHING is for the test suites only (NODE_ENV=test)");
  }
  const sso = ssoProblem(parsed.data);
  if (sso) throw new Error(`invalid environment: ${sso}`);
  cached = parsed.data;
  return cached;
}

/** What is wrong with the single sign-on settings, if anything: all three or none, and https. */
export function ssoProblem(e: Env): string | undefined {
  const set = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter(Boolean).length;
  if (set !== 0 && set !== 3) return "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together: set all three or none";
  if (e.OIDC_ISSUER && !isSafeIssuer(new URL(e.OIDC_ISSUER))) return "OIDC_ISSUER must be an https:// URL (http:// only on this machine: localhost, 127.0.0.1)";
  return undefined;
}

/** Tokens and secrets cross to the issuer: only over TLS, unless it runs on this very machine (tests, a local IdP). */
function isSafeIssuer(url: URL): boolean {
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/**
 * Whether new password hashes may use cheap scrypt parameters: only when the test suites ask for it
 * explicitly (HANDPROP_INSECURE_TEST_HASHING=1, set by vitest.config.ts) and NODE_ENV is "test".
 * Never by default: the app, the demo seed and the browser tests hash at OWASP's cost. Read on
 * every call, so a test can switch it off to check the real parameters.
 */
export function fastTestHashing(): boolean {
  return process.env.HANDPROP_INSECURE_TEST_HASHING === "1" && process.env.NODE_ENV === "test";
}

/** The session secret; a fixed development value only outside production. */
export function sessionSecret(): string {
  return env().NEXTAUTH_SECRET ?? "handprop-development-secret-not-for-production-use";
}
