// The production shape on this machine, for `npm run load`: a throwaway PostgreSQL cluster
// (Debian's server, started as the test suite does: tests/pg-cluster.ts), app processes running
// the production build (`next start`), and Debian's nginx in front of them, round-robin. All of it
// lives in temporary folders and child processes, and is stopped and removed at the end.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { postgresBin } from "../scripts/postgres-bin.mjs";
import { buildIsStale } from "../scripts/build-stale.mjs";
import { startCluster, withDatabase } from "../tests/pg-cluster";
import { processTree, ROOT } from "./app-server";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the app if any source is newer than the build (exits on failure). */
export function ensureBuild(): void {
  if (!buildIsStale(ROOT)) return;
  console.log("building the app (npm run build)…");
  const r = spawnSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

export interface Database {
  url: string;
  stop(): void;
}

/** A throwaway PostgreSQL cluster with one database migrated by the app's PostgreSQL migrations. */
export async function startDatabase(): Promise<Database> {
  const bin = postgresBin();
  if (!bin) throw new Error("npm run load needs Debian's PostgreSQL server (apt-get install postgresql)");
  const cluster = await startCluster(bin);
  try {
    const admin = new pg.Client({ connectionString: cluster.adminUrl });
    await admin.connect();
    await admin.query("CREATE DATABASE handprop_load");
    await admin.end();
    const url = withDatabase(cluster.adminUrl, "handprop_load");
    const r = spawnSync("npx", ["prisma", "migrate", "deploy", "--config", "prisma.postgres.config.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] });
    if (r.status !== 0) throw new Error("prisma migrate deploy failed");
    return { url, stop: cluster.stop };
  } catch (e) {
    cluster.stop();
    throw e;
  }
}

/** CPU time (ms) of each thread of a process, summed by thread name (main thread, worker threads, libuv's pool, V8's helpers). */
export function threadCpu(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        // Node names few of its threads: the main one (the request thread) by its id, the others by name where they have one.
        const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/[0-9]+$/, "").trim();
        const name = tid === String(pid) ? "request thread" : /libuv|worker|V8|Default|Platform/i.test(comm) ? comm : "other threads (workers, GC, pool)";
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        out[name] = (out[name] ?? 0) + (Number(f[11]) + Number(f[12])) * 10;
      } catch {}
    }
  } catch {}
  return out;
}

export interface AppProcess {
  port: number;
  pid(): number;
  /** The process's CPU time so far (ms, every thread). */
  cpuMs(): number;
  /** Ends the process at once (SIGKILL): no shutdown, requests in flight are cut. */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once it answers. */
  restart(): Promise<void>;
  /** Ends it at once (SIGKILL to its process group). */
  stop(): void;
  /** Ends it cleanly (SIGTERM), waiting for it to exit. */
  end(): Promise<void>;
}

/** `next start` of the production build on `port`, with `env`; resolves once /api/health answers. */
export async function startAppProcess(port: number, env: Record<string, string>, log: string): Promise<AppProcess> {
  let child: ChildProcess;
  let exited: Promise<void>;
  let cpuOfDead = 0;
  const launch = async () => {
    // node directly (not npx): the server is this one process, which SIGKILL ends with its worker threads.
    // HANDPROP_LOAD_CPU_PROF=<folder>: each app process writes a V8 CPU profile there when it exits (SIGTERM), to see where its time went.
    const profile = process.env.HANDPROP_LOAD_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.HANDPROP_LOAD_CPU_PROF}`] : [];
    child = spawn(process.execPath, [...profile, join(ROOT, "node_modules", "next", "dist", "bin", "next"), "start", "-H", "127.0.0.1", "-p", String(port), "--keepAliveTimeout", "65000"], {
      cwd: ROOT,
      // A larger young generation: a page render allocates a few MB, and with the default 16 MB semi-space
      // the collector promoted much of it and paused 50-90 ms in major collections under the rush.
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-semi-space-size=64`.trim(), ...env },
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    child.stderr!.on("data", (d: Buffer) => writeFileSync(log, d, { flag: "a" }));
    exited = new Promise((resolve) => child.once("exit", () => resolve()));
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
      } catch {}
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`the app did not start on port ${port} (see ${log})`);
  };
  const cpuMs = () => {
    let total = 0;
    for (const pid of processTree(child.pid!)) {
      try {
        const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
        total += (Number(f[11]) + Number(f[12])) * 10;
      } catch {}
    }
    return total;
  };
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {}
  };
  process.on("exit", stop);
  /** Asks the process to end (SIGTERM) and waits for it, so that it can write its profile. */
  const end = async () => {
    try {
      process.kill(child.pid!, "SIGTERM");
    } catch {}
    await Promise.race([exited, sleep(10_000)]);
    stop();
  };
  await launch();
  return {
    port,
    pid: () => child.pid!,
    cpuMs: () => cpuOfDead + cpuMs(),
    async kill() {
      cpuOfDead += cpuMs();
      process.kill(-child.pid!, "SIGKILL");
      await exited;
    },
    restart: launch,
    stop,
    end,
  };
}

export interface Proxy {
  url: string;
  stop(): void;
}

/**
 * Debian's nginx in front of the app processes: round-robin, keep-alive to the upstreams, the
 * client's address passed on in X-Forwarded-For (TRUSTED_PROXY_HOPS=1). A request that could not
 * be sent to one process (refused: it is down) goes to the next; one cut off mid-way is answered
 * 502, which clients retry (a submission with its idempotency key).
 */
export async function startNginx(upstreams: number[], port?: number): Promise<Proxy> {
  const dir = mkdtempSync(join(tmpdir(), "handprop-nginx-"));
  // Worker processes run as nobody when nginx starts as root: their temporary files must be theirs to write.
  for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, d));
  chmodSync(dir, 0o777);
  for (const d of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) chmodSync(join(dir, d), 0o777);
  port ??= await freePort();
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 2m;
  # nginx compresses (in C, at a cheap level) and asks the apps for plain bytes: no zlib work in Node.
  gzip on;
  gzip_comp_level 1;
  gzip_min_length 1024;
  gzip_proxied any;
  gzip_types text/plain text/css application/json application/javascript text/x-component;
  upstream handprop {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join("\n")}
    keepalive 64;
    # Idle upstream connections are closed by nginx first (the apps keep them 65 s): nginx never
    # sends a request on a connection the app is closing, which it would answer 502 for a POST.
    keepalive_timeout 30s;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://handprop;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header Accept-Encoding "";
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
`;
  writeFileSync(join(dir, "nginx.conf"), conf);
  const nginx = spawn("/usr/sbin/nginx", ["-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  nginx.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const stop = () => {
    try {
      nginx.kill("SIGQUIT");
    } catch {}
    setTimeout(() => rmSync(dir, { recursive: true, force: true }), 500).unref();
  };
  process.on("exit", () => {
    try {
      nginx.kill("SIGKILL");
    } catch {}
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return { url: `http://127.0.0.1:${port}`, stop };
    } catch {}
    if (nginx.exitCode !== null) break;
    await sleep(100);
  }
  throw new Error(`nginx did not start: ${stderr}`);
}
