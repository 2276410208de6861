// Sign-in throttling. The counts live in a store: the database in the app (shared by every app
// process, see throttle-db.ts), memory in tests. A failure is counted by one atomic increment, so
// requests sent in parallel cannot slip past a limit.
//
// Three counts, so that guessing is slow and locking someone else out is hard:
//
// - per account and address ("pair"): ten wrong passwords for one email from one address within
//   15 minutes lock that email *from that address* for 15 minutes. An attacker hammering a
//   victim's account locks only themselves; the victim, signing in from elsewhere, is not locked.
// - per address: 100 wrong passwords from one address within 15 minutes, over any accounts, lock
//   the address for 15 minutes (password spraying). Generous, because a classroom shares one
//   public address behind its NAT.
// - per account: 50 wrong passwords for one email within 15 minutes, from any addresses, lock the
//   email everywhere for 15 minutes (a distributed guess). Since one address contributes at most
//   ten per window before its pair lock, this takes five or more addresses: no single place can
//   lock a victim out.
//
// The address is the client's as the nearest trusted proxy saw it (clientAddress in
// address.ts); IPv6 addresses count per /64, the block one subscriber usually holds.
import { LRUCache } from "lru-cache";

export interface ThrottleOptions {
  /** Wrong passwords allowed within `windowMs` before the lock. */
  maxFailures: number;
  windowMs: number;
  /** How long the key stays locked once the limit is reached. */
  lockMs: number;
}

const MIN = 60_000;

export interface SignInLimits {
  pair: ThrottleOptions;
  address: ThrottleOptions;
  account: ThrottleOptions;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  pair: { maxFailures: 10, windowMs: 15 * MIN, lockMs: 15 * MIN },
  address: { maxFailures: 100, windowMs: 15 * MIN, lockMs: 15 * MIN },
  account: { maxFailures: 50, windowMs: 15 * MIN, lockMs: 15 * MIN },
};

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

/** One count: failures per key within a window, and the lock once there are too many. */
export class Throttle {
  constructor(
    private readonly store: ThrottleStore = new MemoryThrottleStore(),
    private readonly options: ThrottleOptions = SIGN_IN_LIMITS.pair,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again (0 when it may try now). */
  async retryAfter(key: string): Promise<number> {
    const r = await this.store.get(key);
    return r ? Math.max(0, r.lockedUntil - this.now()) : 0;
  }

  /** Records a wrong password; returns the lock's remaining time if the key is (now) locked. */
  async fail(key: string, { prune = true } = {}): Promise<number> {
    const t = this.now();
    const { windowMs, maxFailures, lockMs } = this.options;
    if (prune) await this.store.prune(t - windowMs, t);
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

/** Who is trying: the email (lower-cased) and the client's address key (see address.ts). */
export interface Attempt {
  email: string;
  address: string;
}

/** The store keys of an attempt's three counts. */
export const keysOf = ({ email, address }: Attempt) => ({ pair: `p:${email} ${address}`, address: `i:${address}`, account: `a:${email}` });

/** The three counts of the comment at the top, together. */
export class SignInThrottle {
  private readonly counts: Record<keyof SignInLimits, Throttle>;
  private prunedAt = -Infinity;

  constructor(
    private readonly store: ThrottleStore = new MemoryThrottleStore(),
    private readonly limits: SignInLimits = SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.counts = { pair: new Throttle(store, limits.pair, now), address: new Throttle(store, limits.address, now), account: new Throttle(store, limits.account, now) };
  }

  /** Milliseconds until this email may be tried from this address (0 when it may now). */
  async retryAfter(attempt: Attempt): Promise<number> {
    const keys = keysOf(attempt);
    const waits = await Promise.all((["pair", "address", "account"] as const).map((k) => this.counts[k].retryAfter(keys[k])));
    return Math.max(...waits);
  }

  /** Records a wrong password on all three counts; returns how long the attempt's email and address are now locked. */
  async fail(attempt: Attempt): Promise<number> {
    const keys = keysOf(attempt);
    const t = this.now();
    // Forgetting old records scans the table: once a minute is plenty.
    if (t - this.prunedAt >= 60_000 || t < this.prunedAt) {
      this.prunedAt = t;
      const longest = Math.max(this.limits.pair.windowMs, this.limits.address.windowMs, this.limits.account.windowMs);
      await this.store.prune(t - longest, t);
    }
    const locks = await Promise.all((["pair", "address", "account"] as const).map((k) => this.counts[k].fail(keys[k], { prune: false })));
    return Math.max(...locks);
  }

  /**
   * A right password clears the account's counts, never the address's: otherwise an attacker could
   * reset their address's count by signing in to an account of their own between guesses.
   */
  async succeed(attempt: Attempt): Promise<void> {
    const keys = keysOf(attempt);
    await Promise.all([this.counts.pair.succeed(keys.pair), this.counts.account.succeed(keys.account)]);
  }
}
