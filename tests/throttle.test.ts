// Sign-in throttling on a clock the test moves by hand, with the counts in memory and in the
// database (a fresh migrated SQLite file, or PostgreSQL in the second pass).
import { afterAll, describe, expect, it } from "vitest";
import { MemoryThrottleStore, SignInThrottle, type ThrottleStore } from "../lib/auth/throttle";
import { databaseThrottleStore } from "../lib/auth/throttle-db";
import { freshDb } from "./db";

const MIN = 60_000;
const db = await freshDb("throttle");
afterAll(() => db.$disconnect());

let emails = 0;
function setup(store: ThrottleStore) {
  let t = 1_000_000_000_000;
  const clock = { advance: (ms: number) => (t += ms) };
  // A new email per test, so that the tests sharing the database do not meet.
  const email = `user${++emails}@x.test`;
  return { throttle: new SignInThrottle(store, { maxFailures: 3, windowMs: 10 * MIN, lockMs: 5 * MIN }, () => t), clock, email };
}

describe.each([
  ["in memory", () => new MemoryThrottleStore()],
  ["in the database", () => databaseThrottleStore(db)],
])("sign-in throttling %s", (_, store) => {
  it("locks an email after too many wrong passwords in the window, for the lock time only", async () => {
    const { throttle, clock, email } = setup(store());
    expect(await throttle.fail(email)).toBe(0);
    expect(await throttle.fail(email)).toBe(0);
    expect(await throttle.retryAfter(email)).toBe(0);
    expect(await throttle.fail(email)).toBe(5 * MIN);
    expect(await throttle.retryAfter(email)).toBe(5 * MIN);
    expect(await throttle.retryAfter("someone.else@x.test")).toBe(0);
    clock.advance(4 * MIN);
    expect(await throttle.retryAfter(email)).toBe(MIN);
    clock.advance(MIN);
    expect(await throttle.retryAfter(email)).toBe(0);
    // The count starts afresh after a lock.
    expect(await throttle.fail(email)).toBe(0);
    expect(await throttle.fail(email)).toBe(0);
    expect(await throttle.fail(email)).toBe(5 * MIN);
  });

  it("forgets failures older than the window, and all of them after a right password", async () => {
    const { throttle, clock, email } = setup(store());
    await throttle.fail(email);
    await throttle.fail(email);
    clock.advance(11 * MIN);
    expect(await throttle.fail(email)).toBe(0);
    await throttle.fail(email);
    await throttle.succeed(email);
    expect(await throttle.fail(email)).toBe(0);
    expect(await throttle.fail(email)).toBe(0);
    expect(await throttle.fail(email)).toBeGreaterThan(0);
  });

  it("counts every one of many wrong passwords sent at once", async () => {
    const { throttle, email } = setup(store());
    const locks = await Promise.all(Array.from({ length: 8 }, () => throttle.fail(email)));
    // Increments are atomic: the first two failures pass, the third sets the lock, and the five
    // after it find the email locked, however the requests interleave.
    expect(locks.filter((ms) => ms > 0)).toHaveLength(6);
    expect(await throttle.retryAfter(email)).toBe(5 * MIN);
  });
});

describe("the throttle's table", () => {
  it("keeps no record of an email once its window has run out and it is not locked", async () => {
    const { throttle, clock, email } = setup(databaseThrottleStore(db));
    await throttle.fail(email);
    clock.advance(11 * MIN);
    await throttle.fail("another@x.test");
    expect(await db.signInRecord.findUnique({ where: { email } })).toBeNull();
    expect(await db.signInRecord.findUnique({ where: { email: "another@x.test" } })).not.toBeNull();
  });
});
