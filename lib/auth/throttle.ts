// Sign-in throttling: after too many wrong passwords for one email within a window, that email is
// refused for a while, whatever password comes next. Kept in memory (one app process); bounded.
import { LRUCache } from "lru-cache";

export interface ThrottleOptions {
  /** Wrong passwords allowed within `windowMs` before the lock. */
  maxFailures: number;
  windowMs: number;
  /** How long the email stays locked once the limit is reached. */
  lockMs: number;
}

export const SIGN_IN_LIMITS: ThrottleOptions = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

interface Entry {
  failures: number[];
  lockedUntil: number;
}

export class SignInThrottle {
  private readonly entries: LRUCache<string, Entry>;

  constructor(
    private readonly options: ThrottleOptions = SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache<string, Entry>({ max: 50_000 });
  }

  /** Milliseconds until `key` may try again (0 when it may try now). */
  retryAfter(key: string): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.lockedUntil - this.now()) : 0;
  }

  /** Records a wrong password; returns the lock's remaining time if this failure set it. */
  fail(key: string): number {
    const t = this.now();
    const entry = this.entries.get(key) ?? { failures: [], lockedUntil: 0 };
    entry.failures = [...entry.failures.filter((f) => t - f < this.options.windowMs), t];
    if (entry.failures.length >= this.options.maxFailures) {
      entry.lockedUntil = t + this.options.lockMs;
      entry.failures = [];
    }
    this.entries.set(key, entry);
    return Math.max(0, entry.lockedUntil - t);
  }

  /** A right password clears the record. */
  succeed(key: string): void {
    this.entries.delete(key);
  }
}
