// Sign-in throttling on a clock the test moves by hand, with the counts in memory and in the
// database (a fresh migrated SQLite file, or PostgreSQL in the second pass).
import { afterAll, describe, expect, it } from "vitest";
import { MemoryThrottleStore, SIGN_IN_LIMITS, SignInThrottle, Throttle, keysOf, type ThrottleStore } from "../lib/auth/throttle";
import { databaseThrottleStore } from "../lib/auth/throttle-db";
import { addressKey, clientAddress } from "../lib/auth/address";
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
  return { throttle: new Throttle(store, { maxFailures: 3, windowMs: 10 * MIN, lockMs: 5 * MIN }, () => t), clock, email };
}

describe.each([
  ["in memory", () => new MemoryThrottleStore()],
  ["in the database", () => databaseThrottleStore(db)],
])("one throttle count %s", (_, store) => {
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
    expect(await db.signInRecord.findUnique({ where: { key: email } })).toBeNull();
    expect(await db.signInRecord.findUnique({ where: { key: "another@x.test" } })).not.toBeNull();
  });
});

// The three counts together, as an attacker would try them: from one address against a victim, from
// one address against many accounts, and from many addresses against one account.
describe.each([
  ["in memory", () => new MemoryThrottleStore()],
  ["in the database", () => databaseThrottleStore(db)],
])("sign-in throttling per account and per address %s", (_, store) => {
  function signIns(s: ThrottleStore) {
    let t = 2_000_000_000_000;
    const victim = `victim${++emails}@x.test`;
    return { throttle: new SignInThrottle(s, SIGN_IN_LIMITS, () => t), victim, advance: (ms: number) => (t += ms) };
  }
  const attacker = "203.0.113.7";
  const home = "198.51.100.20";

  it("an attacker guessing a victim's password from one address locks only that address out of the account", async () => {
    const { throttle, victim } = signIns(store());
    const locks = [];
    for (let i = 0; i < 25; i++) {
      if ((await throttle.retryAfter({ email: victim, address: attacker })) > 0) locks.push(i);
      else await throttle.fail({ email: victim, address: attacker });
    }
    // Ten guesses, then refused for 15 minutes: the guesses after the tenth are never tried.
    expect(locks[0]).toBe(10);
    expect(locks).toHaveLength(15);
    // The victim, at home, is not locked.
    expect(await throttle.retryAfter({ email: victim, address: home })).toBe(0);
    await throttle.succeed({ email: victim, address: home });
    // ...and the victim's sign-in does not unlock the attacker.
    expect(await throttle.retryAfter({ email: victim, address: attacker })).toBe(15 * MIN);
  });

  it("locks an address that sprays wrong passwords over many accounts, whichever account it tries next", async () => {
    const { throttle } = signIns(store());
    const sprayer = `192.0.2.${emails % 250}`;
    let refused = -1;
    for (let i = 0; i < 120 && refused < 0; i++) {
      const attempt = { email: `spray${emails}-${i}@x.test`, address: sprayer };
      if ((await throttle.retryAfter(attempt)) > 0) refused = i;
      else await throttle.fail(attempt);
    }
    expect(refused).toBe(SIGN_IN_LIMITS.address.maxFailures);
    expect(await throttle.retryAfter({ email: "fresh@x.test", address: sprayer })).toBe(15 * MIN);
    // A success on the attacker's own account does not reset the address's count.
    await throttle.succeed({ email: "own@x.test", address: sprayer });
    expect(await throttle.retryAfter({ email: "fresh@x.test", address: sprayer })).toBe(15 * MIN);
    expect(await throttle.retryAfter({ email: "fresh@x.test", address: home })).toBe(0);
  });

  it("locks an account everywhere only after failures from several addresses, more than one place can send", async () => {
    const { throttle, victim } = signIns(store());
    let addresses = 0;
    for (let a = 1; (await throttle.retryAfter({ email: victim, address: home })) === 0; a++) {
      addresses = a;
      const address = `10.0.${emails % 250}.${a}`;
      while ((await throttle.retryAfter({ email: victim, address })) === 0) await throttle.fail({ email: victim, address });
    }
    expect(addresses).toBe(SIGN_IN_LIMITS.account.maxFailures / SIGN_IN_LIMITS.pair.maxFailures);
    expect(addresses).toBeGreaterThan(1);
  });

  it("keys IPv6 clients by their /64, so one subscriber's many addresses count as one", async () => {
    const { throttle, victim } = signIns(store());
    for (let i = 0; i < 10; i++) await throttle.fail({ email: victim, address: addressKey(`2001:db8:1:2::${(i + 1).toString(16)}`) });
    expect(await throttle.retryAfter({ email: victim, address: addressKey("2001:db8:1:2:ffff::9") })).toBe(15 * MIN);
    expect(await throttle.retryAfter({ email: victim, address: addressKey("2001:db8:1:3::1") })).toBe(0);
  });
});

describe("the client's address", () => {
  it("is read from the right of X-Forwarded-For, where the trusted proxy wrote it, not what the client sent", () => {
    expect(clientAddress("198.51.100.20")).toBe("198.51.100.20");
    // The client sent "1.2.3.4"; nginx appended the address it saw.
    expect(clientAddress("1.2.3.4, 198.51.100.20")).toBe("198.51.100.20");
    expect(clientAddress("1.2.3.4, 198.51.100.20, 10.0.0.2", 2)).toBe("198.51.100.20");
    expect(clientAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(clientAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(clientAddress("203.0.113.9:51000")).toBe("203.0.113.9");
    expect(clientAddress("not-an-address")).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });

  it("gives each of the three counts its own key", () => {
    expect(keysOf({ email: "a@x.test", address: "192.0.2.1" })).toEqual({ pair: "p:a@x.test 192.0.2.1", address: "i:192.0.2.1", account: "a:a@x.test" });
  });
});
