// Sign-in throttling: after too many wrong passwords for one email within a window, that email is
// refused for a while, whatever password comes next. The counts live in a store: the database in
// the app (shared by every app process, see throttle-db.ts), memory in tests. A failure is counted
// by one atomic increment, so requests sent in parallel cannot slip past the limit.
import { LRUCache } from "lru-cache";

export interface ThrottleOptions {
  /** Wrong passwords allowed within `windowMs` before the lock. */
  maxFailures: number;
  windowMs: number;
  /** How long the email stays locked once the limit is reached. */
  lockMs: number;
}

export const SIGN_IN_LIMITS: ThrottleOptions = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** Times in epoch milliseconds; lockedUntil 0 when not locked. */
export interface ThrottleRecord {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}

export interface ThrottleStore {
  get(key: string): Promise<ThrottleRecord | undefined>;
  /** Adds one failure atomically (a new record's window starts at `now`); returns the record after it. */
  addFailure(key: string, now: number): Promise<ThrottleRecord>;
  put(key: string, record: ThrottleRecord): Promise<void>;
  delete(key: string): Promise<void>;
  /** Forgets records whose window started before `windowBefore` and that are not locked at `now`. */
  prune(windowBefore: number, now: number): Promise<void>;
}

/** One process's store, bounded. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly records = new LRUCache<string, ThrottleRecord>({ max: 50_000 });

  async get(key: string) {
    const r = this.records.get(key);
    return r && { ...r };
  }
  async addFailure(key: string, now: number) {
    const r = this.records.get(key) ?? { failures: 0, windowStart: now, lockedUntil: 0 };
    const next = { ...r, failures: r.failures + 1 };
    this.records.set(key, next);
    return { ...next };
  }
  async put(key: string, record: ThrottleRecord) {
    this.records.set(key, { ...record });
  }
  async delete(key: string) {
    this.records.delete(key);
  }
  async prune(windowBefore: number, now: number) {
    for (const [key, r] of this.records.entries()) if (r.windowStart < windowBefore && r.lockedUntil <= now) this.records.delete(key);
  }
}

export class SignInThrottle {
  constructor(
    private readonly store: ThrottleStore = new MemoryThrottleStore(),
    private readonly options: ThrottleOptions = SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again (0 when it may try now). */
  async retryAfter(key: string): Promise<number> {
    const r = await this.store.get(key);
    return r ? Math.max(0, r.lockedUntil - this.now()) : 0;
  }

  /** Records a wrong password; returns the lock's remaining time if the email is (now) locked. */
  async fail(key: string): Promise<number> {
    const t = this.now();
    const { windowMs, maxFailures, lockMs } = this.options;
    await this.store.prune(t - windowMs, t);
    let r = await this.store.addFailure(key, t);
    if (t - r.windowStart >= windowMs) {
      // The window ran out: this failure opens a new one.
      r = { failures: 1, windowStart: t, lockedUntil: r.lockedUntil };
      await this.store.put(key, r);
    }
    if (r.failures >= maxFailures) {
      r = { failures: 0, windowStart: t, lockedUntil: t + lockMs };
      await this.store.put(key, r);
    }
    return Math.max(0, r.lockedUntil - t);
  }

  /** A right password clears the record. */
  async succeed(key: string): Promise<void> {
    await this.store.delete(key);
  }
}
