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
  cached = parsed.data;
  return cached;
}

/** The session secret; a fixed development value only outside production. */
export function sessionSecret(): string {
  return env().NEXTAUTH_SECRET ?? "handprop-development-secret-not-for-production-use";
}
