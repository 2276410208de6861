// Durable jobs: long work (regrading a set, importing a roster) recorded in the database and done
// outside the request that asked for it, by whichever app process claims it.
//
// Claim: one conditional UPDATE ("still claimable, and still the claim count I read"): of two
// runners racing, in one process or in two on one PostgreSQL, exactly one gets a count of 1.
// Lease: the claim sets leaseOwner and leaseUntil; every unit of work the handler writes renews
// the lease inside its own transaction, and is refused (JobLost, rolled back) when the job is no
// longer this runner's (its lease ran out and another runner took it over, or it was superseded).
// Resume: a job still "running" past its lease belongs to a process that died; any runner claims
// it again and the handler picks up where the committed work ends (its cursor, and the marks its
// writes leave: a regrade's grades name their job).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Job, Prisma, PrismaClient } from "../db/generated/client";

export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
export type { Job };

export const JOB_KINDS = ["regrade", "import", "lti-score", "lti-roster"] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type JobStatus = "queued" | "running" | "done" | "failed";

/** Why a job failed, as the pages word it (messages "teach.jobs.error.<code>"). */
export const JOB_ERRORS = ["superseded", "gone", "failed", "gave_up"] as const;
export type JobError = (typeof JOB_ERRORS)[number];

/** A failure that trying again will not mend: the job ends "failed" with this code. */
export class JobFailure extends Error {
  constructor(
    readonly code: JobError,
    message: string = code,
  ) {
    super(message);
    this.name = "JobFailure";
  }
}

/** The runner no longer holds the job (its lease was taken over, or the job was superseded): stop, touch nothing. */
export class JobLost extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} is no longer held by this runner`);
    this.name = "JobLost";
  }
}

/** What a handler gets: the job as claimed, and the only ways to write its state (each checks the lease). */
export interface JobContext {
  readonly job: Job;
  readonly db: Db;
  /**
   * Inside a unit's transaction: renews the lease, adds `done` and moves the cursor, or throws
   * JobLost (which rolls the unit back) when the job is no longer this runner's.
   */
  advance(tx: Tx, step: { done?: number; cursor?: string }): Promise<void>;
  /** Outside any transaction: progress as absolute figures (and a renewed lease), or JobLost. */
  progress(figures: { done?: number; total?: number }): Promise<void>;
  /** Inside the transaction of the job's last writes: marks it done with its result, or JobLost. */
  complete(tx: Tx, result: unknown): Promise<void>;
}

export interface JobHandler {
  run(ctx: JobContext): Promise<void>;
  /** Claims after which this kind is given up, when it is not the runner's (a platform down for a day must not lose a grade). */
  maxAttempts?: number;
  /** The wait before another try after `attempts` failed ones, from the runner's base retryMs (default: base × attempts). */
  backoffMs?(attempts: number, base: number): number;
}

export type Handlers = Record<string, JobHandler>;

export interface RunnerOptions {
  /** How this runner names itself in leaseOwner (default: host, pid and a random tag). */
  owner?: string;
  /** How long a claim holds without renewal (default 60 s): a dead process's job waits this long. */
  leaseMs?: number;
  /** How often an idle runner looks for work, queued or abandoned (default 3 s). */
  pollMs?: number;
  /** Claims after which a job that keeps failing or killing its process is given up (default 5). */
  maxAttempts?: number;
  /** Back-off before a failed attempt is tried again, per attempt so far (default 2 s). */
  retryMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** Jobs any runner may claim now: queued (and not waiting out a back-off), or running on an expired lease. */
const claimable = (now: Date): Prisma.JobWhereInput => ({ status: { in: ["queued", "running"] }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });

export class JobRunner {
  readonly owner: string;
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly maxAttempts: number;
  readonly retryMs: number;
  #log: (message: string, error?: unknown) => void;
  #loop?: Promise<void>;
  #stopped = false;
  #wake?: () => void;
  /** The job being worked on, if any. */
  current: string | null = null;

  constructor(
    readonly db: Db,
    readonly handlers: Handlers,
    options: RunnerOptions = {},
  ) {
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollMs = options.pollMs ?? 3_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryMs = options.retryMs ?? 2_000;
    this.#log = options.log ?? ((message, error) => console.error(`[jobs] ${message}`, error ?? ""));
  }

  /** Claims the oldest claimable job, or null. Atomic: a job another runner claimed first is skipped. */
  async claim(now = new Date()): Promise<Job | null> {
    for (let tries = 0; tries < 10; tries++) {
      const candidate = await this.db.job.findFirst({ where: claimable(now), orderBy: { createdAt: "asc" }, select: { id: true, attempts: true } });
      if (!candidate) return null;
      const { count } = await this.db.job.updateMany({
        where: { id: candidate.id, attempts: candidate.attempts, ...claimable(now) },
        data: { status: "running", leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + this.leaseMs), attempts: { increment: 1 }, startedAt: now },
      });
      if (count !== 1) continue; // another runner was first: look again
      const job = await this.db.job.findUniqueOrThrow({ where: { id: candidate.id } });
      if (job.attempts > this.#maxAttemptsOf(job.kind)) {
        // Claimed again and again without ever finishing: it kills its process, or keeps failing.
        await this.#fail(job, "gave_up");
        continue;
      }
      return job;
    }
    return null;
  }

  /** Claims one job and runs it to its end (done, failed, released for a retry, or lost); null when there was none. */
  async runOne(): Promise<Job | null> {
    const job = await this.claim();
    if (!job) return null;
    await this.run(job);
    return job;
  }

  /** Runs claimable jobs until there is none; how many were run. */
  async drain(limit = 1000): Promise<number> {
    let n = 0;
    while (n < limit && (await this.runOne())) n++;
    return n;
  }

  /**
   * The context a handler works through for a job this runner claimed: every write checks that the
   * job is still this runner's. (run() uses it; a test can use it to stop half-way, as a crash would.)
   */
  context(job: Job): JobContext & { readonly completed: boolean } {
    const lease = () => new Date(Date.now() + this.leaseMs);
    const mine = { id: job.id, leaseOwner: this.owner, status: "running" };
    let completed = false;
    return {
      job,
      db: this.db,
      get completed() {
        return completed;
      },
      advance: async (tx, { done, cursor }) => {
        const { count } = await tx.job.updateMany({ where: mine, data: { leaseUntil: lease(), ...(done ? { done: { increment: done } } : {}), ...(cursor !== undefined ? { cursor } : {}) } });
        if (count !== 1) throw new JobLost(job.id);
      },
      progress: async ({ done, total }) => {
        const { count } = await this.db.job.updateMany({ where: mine, data: { leaseUntil: lease(), ...(done !== undefined ? { done } : {}), ...(total !== undefined ? { total } : {}) } });
        if (count !== 1) throw new JobLost(job.id);
      },
      complete: async (tx, result) => {
        const { count } = await tx.job.updateMany({
          where: mine,
          data: { status: "done", resultJson: JSON.stringify(result ?? null), finishedAt: new Date(), leaseOwner: null, leaseUntil: null },
        });
        if (count !== 1) throw new JobLost(job.id);
        completed = true;
      },
    };
  }

  /** Runs a job this runner has claimed, to its end: done, failed, released for another attempt, or lost to another runner. */
  async run(job: Job): Promise<void> {
    const handler = this.handlers[job.kind];
    const ctx = this.context(job);
    this.current = job.id;
    try {
      if (!handler) throw new JobFailure("failed", `no handler for jobs of kind ${job.kind}`);
      await handler.run(ctx);
      if (!ctx.completed) await this.db.$transaction((tx) => ctx.complete(tx, null));
    } catch (e) {
      if (e instanceof JobLost) {
        this.#log(`${job.kind} job ${job.id}: taken over or superseded; this runner stops`);
      } else if (e instanceof JobFailure) {
        if (e.code === "failed") this.#log(`${job.kind} job ${job.id} failed`, e);
        await this.#fail(job, e.code);
      } else if (job.attempts >= this.#maxAttemptsOf(job.kind)) {
        this.#log(`${job.kind} job ${job.id} failed on its last attempt`, e);
        await this.#fail(job, "failed");
      } else {
        // Perhaps passing (a lost connection, a busy database): back in the queue after a pause.
        this.#log(`${job.kind} job ${job.id} attempt ${job.attempts} failed; it will be tried again`, e);
        await this.db.job
          .updateMany({ where: { id: job.id, leaseOwner: this.owner, status: "running" }, data: { status: "queued", leaseOwner: null, leaseUntil: new Date(Date.now() + (handler?.backoffMs?.(job.attempts, this.retryMs) ?? this.retryMs * job.attempts)) } })
          .catch((err: unknown) => this.#log(`job ${job.id}: could not release it (its lease will run out)`, err));
      }
    } finally {
      this.current = null;
    }
  }

  #maxAttemptsOf(kind: string): number {
    return this.handlers[kind]?.maxAttempts ?? this.maxAttempts;
  }

  async #fail(job: Job, code: JobError): Promise<void> {
    await this.db.job
      .updateMany({ where: { id: job.id, leaseOwner: this.owner, status: "running" }, data: { status: "failed", error: code, finishedAt: new Date(), leaseOwner: null, leaseUntil: null } })
      .catch((err: unknown) => this.#log(`job ${job.id}: could not record its failure (its lease will run out)`, err));
  }

  /** Works in the background: runs jobs while there are some, then looks again every pollMs (or when woken). */
  start(): void {
    if (this.#loop) return;
    this.#stopped = false;
    this.#loop = this.#run();
  }

  get started(): boolean {
    return !!this.#loop;
  }

  /** New work was queued: look now rather than at the next poll. */
  wake(): void {
    this.#wake?.();
  }

  /** Stops after the job in hand (which keeps its lease: stopping never abandons work half-written). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.wake();
    await this.#loop;
    this.#loop = undefined;
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      let ran = false;
      try {
        ran = !!(await this.runOne());
        failures = 0;
      } catch (e) {
        // The database unreachable for a moment: say so once, keep trying.
        if (failures++ === 0) this.#log("could not look for jobs", e);
      }
      if (!ran && !this.#stopped) await this.#idle(this.pollMs * Math.min(10, 1 + failures));
    }
  }

  #idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      // An idle runner never keeps the process alive.
      timer.unref?.();
      const self = this;
      function done() {
        clearTimeout(timer);
        if (self.#wake === done) self.#wake = undefined;
        resolve();
      }
      this.#wake = done;
    });
  }
}

/** Waits until a job is done or failed (polling its row), at most `ms`; its status then. */
export async function waitForJob(db: Db, jobId: string, ms: number, everyMs = 100): Promise<JobStatus | null> {
  const until = Date.now() + ms;
  for (;;) {
    const job = await db.job.findUnique({ where: { id: jobId }, select: { status: true } });
    const status = (job?.status ?? null) as JobStatus | null;
    if (!status || status === "done" || status === "failed" || Date.now() >= until) return status;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
