// Sign-in throttling, on a clock the test moves by hand.
import { describe, expect, it } from "vitest";
import { SignInThrottle } from "../lib/auth/throttle";

const MIN = 60_000;

function setup() {
  let t = 1_000_000;
  const clock = { advance: (ms: number) => (t += ms) };
  return { throttle: new SignInThrottle({ maxFailures: 3, windowMs: 10 * MIN, lockMs: 5 * MIN }, () => t), clock };
}

describe("sign-in throttling", () => {
  it("locks an email after too many wrong passwords in the window, for the lock time only", () => {
    const { throttle, clock } = setup();
    expect(throttle.fail("a@x.test")).toBe(0);
    expect(throttle.fail("a@x.test")).toBe(0);
    expect(throttle.retryAfter("a@x.test")).toBe(0);
    expect(throttle.fail("a@x.test")).toBe(5 * MIN);
    expect(throttle.retryAfter("a@x.test")).toBe(5 * MIN);
    expect(throttle.retryAfter("b@x.test")).toBe(0);
    clock.advance(4 * MIN);
    expect(throttle.retryAfter("a@x.test")).toBe(MIN);
    clock.advance(MIN);
    expect(throttle.retryAfter("a@x.test")).toBe(0);
    // The count starts afresh after a lock.
    expect(throttle.fail("a@x.test")).toBe(0);
  });

  it("forgets failures older than the window, and all of them after a right password", () => {
    const { throttle, clock } = setup();
    throttle.fail("a@x.test");
    throttle.fail("a@x.test");
    clock.advance(11 * MIN);
    expect(throttle.fail("a@x.test")).toBe(0);
    throttle.fail("a@x.test");
    throttle.succeed("a@x.test");
    expect(throttle.fail("a@x.test")).toBe(0);
    expect(throttle.fail("a@x.test")).toBe(0);
    expect(throttle.fail("a@x.test")).toBeGreaterThan(0);
  });
});
