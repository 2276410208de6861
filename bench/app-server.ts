// The production build, started for a benchmark on its own database and port, with a signed-in
// HTTP client (a cookie jar over fetch). Shared by the web, class-statistics and load benchmarks.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildIsStale } from "../scripts/build-stale.mjs";

export const ROOT = join(import.meta.dirname, "..");
const SECRET = "bench-secret-bench-secret-bench-secret-00";

export interface App {
  base: string;
  /** fetch against the app, keeping cookies (never following redirects). */
  get(path: string, init?: RequestInit): Promise<Response>;
  /** The Cookie header of the signed-in session. */
  cookie(): string;
  signIn(email: string, password?: string): Promise<void>;
  stop(): void;
  /** The app's processes (npx and the Next.js server under it), for reading their CPU time. */
  pids(): number[];
}

/** `root` and every process below it (Linux /proc; just `root` elsewhere). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch {
        /* gone meanwhile */
      }
    }
  } catch {
    return [root];
  }
  const out: number[] = [];
  const visit = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) visit(c);
  };
  visit(root);
  return out;
}

/** Migrates and seeds the benchmark's database and builds the app if needed; exits on failure. */
export function prepare(sqliteUrl: string): void {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SQLITE_URL: sqliteUrl, NEXTAUTH_SECRET: SECRET };
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) process.exit(r.status ?? 1);
  };
  run("npx", ["prisma", "migrate", "deploy"]);
  run("npx", ["tsx", "prisma/seed.ts"]);
  if (buildIsStale(ROOT)) run("npm", ["run", "-s", "build"]);
}

/** `next start` on a database; `nodeArgs` (e.g. --cpu-prof) go to the server's node process. */
export async function startApp(sqliteUrl: string, port: number, nodeArgs: string[] = []): Promise<App> {
  const base = `http://127.0.0.1:${port}`;
  // The preview's per-user limit is lifted: the throughput benchmark sends previews as one user from ten connections.
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SQLITE_URL: sqliteUrl, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: base, HANDPROP_PREVIEW_LIMIT: "off" };
  // Its own process group, so stopping it also stops next-server under npx.
  const next = join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const server = spawn(process.execPath, [...nodeArgs, next, "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: ROOT, env, stdio: "ignore", detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {}
  };
  process.on("exit", stop);
  let up = false;
  for (let i = 0; i < 150 && !up; i++) {
    try {
      up = (await fetch(`${base}/api/health`)).ok;
    } catch {}
    if (!up) await new Promise((r) => setTimeout(r, 200));
  }
  if (!up) throw new Error(`the app did not start on ${base}`);

  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  async function get(path: string, init: RequestInit = {}) {
    const res = await fetch(base + path, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), cookie: cookie() } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    return res;
  }
  async function signIn(email: string, password = "handprop-demo") {
    const { csrfToken } = (await (await get("/api/auth/csrf")).json()) as { csrfToken: string };
    await get("/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken, email, password }) });
    if (!jar.has("next-auth.session-token")) throw new Error(`could not sign in as ${email}`);
  }
  return { base, get, cookie, signIn, stop, pids: () => processTree(server.pid!) };
}

/** Sorted samples → the value at quantile q (0..1). */
export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
