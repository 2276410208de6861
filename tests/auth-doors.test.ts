// Closed doors around signing in, tried as an attacker would: redirects after sign-in, sessions
// that outlive a sign-out, a password change or a removal, locking someone else out, weak
// password hashes, and one-time messages (initial passwords) read by the wrong session.
import { readdirSync, readFileSync } from "node:fs";
import { decode, encode, type JWT } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDbUrl, useForApp } from "./db-file";

useForApp(await freshDbUrl("auth-doors"));
const { prisma: db } = await import("../lib/db/client");
const { sessionSecret, fastTestHashing } = await import("../lib/env");
const { seedDemo, DEMO_PASSWORD } = await import("../lib/course/demo");
const { authOptions } = await import("../app/_lib/auth-options.server");
const { throttle } = await import("../lib/auth/sign-in");
const { actorOf } = await import("../app/_lib/session.server");
const { safeLocalPath, safeRedirect } = await import("../lib/auth/redirect");
const { changePassword } = await import("../lib/auth/account");
const { removeStudent } = await import("../lib/teach/courses");
const { hashPassword, hashOneTimePassword, newOneTimePassword, verifyPassword, needsRehash, paramsOf, currentParams, OWASP_SCRYPT, ONE_TIME_SCRYPT, HashingBusy, SLOW_QUEUE_LIMIT } = await import("../lib/auth/password");
const { destroyPools, HASHING_NICE } = await import("../lib/workers/pool");
const { keepOnce, takeOnce, ONCE_TTL_MS } = await import("../lib/auth/once");
const { TOO_MANY_ATTEMPTS } = await import("../lib/auth/codes");

let courseId = "";
const ids: Record<string, string> = {};
beforeAll(async () => {
  ({ courseId } = await seedDemo(db));
  for (const name of ["alice", "taro", "teacher", "bob"]) ids[name] = (await db.user.findUniqueOrThrow({ where: { email: `${name}@handprop.test` } })).id;
});
afterAll(() => db.$disconnect());

describe("the redirect after sign-in", () => {
  const hostile = [
    "/\\evil.example/phish",
    "/%5Cevil.example",
    "/%5cevil.example/phish",
    "/%255Cevil.example",
    "/%09/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "///evil.example",
    "/.//evil.example",
    "https://evil.example",
    "https://evil.example/dashboard",
    "http:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "%2F%2Fevil.example",
    "\\\\evil.example",
    " /dashboard",
    "data:text/html,<script>alert(1)</script>",
    "",
    "/%E0%A4%A",
  ];

  it.each(hostile)("sends %j to the dashboard, never elsewhere", (target) => {
    expect(safeLocalPath(target)).toBe("/dashboard");
  });

  it("keeps this site's own paths, with their query and anchor", () => {
    expect(safeLocalPath("/work/abc123")).toBe("/work/abc123");
    expect(safeLocalPath("/teach/sets/x?sort=name&page=2#students")).toBe("/teach/sets/x?sort=name&page=2#students");
    expect(safeLocalPath("/teach/../dashboard")).toBe("/dashboard");
  });

  it("is what next-auth's redirect callback answers too", () => {
    const base = "http://127.0.0.1:3000";
    const redirect = (url: string) => (authOptions.callbacks!.redirect as (p: { url: string; baseUrl: string }) => string)({ url, baseUrl: base });
    for (const target of hostile) expect(redirect(target), target).toBe(base);
    expect(redirect("/work/abc")).toBe(`${base}/work/abc`);
    expect(redirect(`${base}/teach?x=1`)).toBe(`${base}/teach?x=1`);
    expect(redirect(`${base}//evil.example`)).toBe(base);
    expect(redirect("http://127.0.0.1:3001/dashboard")).toBe(base);
    expect(safeRedirect("http://127.0.0.1:3000.evil.example/", base)).toBe(base);
  });
});

/** A session token as next-auth issues it at sign-in (jwt callback, then encode). */
async function signInToken(userId: string): Promise<string> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const jwt = authOptions.callbacks!.jwt as (p: { token: JWT; user: { id: string; sessionVersion: number } }) => Promise<JWT> | JWT;
  const token = await jwt({ token: { email: user.email }, user: { id: user.id, sessionVersion: user.sessionVersion } });
  return encode({ token, secret: sessionSecret(), maxAge: 3600 });
}

/** Who a request with this session token is, as every route handler asks. */
async function who(token: string) {
  const actor = await actorOf(new NextRequest("http://localhost/api/x", { headers: { cookie: `next-auth.session-token=${token}` } }));
  return actor?.id ?? null;
}

/** next-auth's sign-out, as its route calls the event with the decoded token. */
async function signOut(token: string) {
  await authOptions.events!.signOut!({ token: (await decode({ token, secret: sessionSecret() }))!, session: null as never });
}

describe("sessions", () => {
  it("end when the user signs out: the token issued before is refused, even by another process", async () => {
    const before = await signInToken(ids.bob);
    const otherDevice = await signInToken(ids.bob);
    expect(await who(before)).toBe(ids.bob);
    await signOut(before);
    expect(await who(before)).toBeNull();
    expect(await who(otherDevice)).toBeNull();
    const after = await signInToken(ids.bob);
    expect(await who(after)).toBe(ids.bob);
    // Replaying the old token's sign-out does not end the new session.
    await signOut(before);
    expect(await who(after)).toBe(ids.bob);
  });

  it("end when the password changes, and only the new password signs in", async () => {
    const before = await signInToken(ids.bob);
    await changePassword(db, ids.bob, { current: DEMO_PASSWORD, next: "a-new-long-password", confirm: "a-new-long-password" }, throttle, "192.0.2.50");
    expect(await who(before)).toBeNull();
    expect(await authorize("bob@handprop.test", DEMO_PASSWORD, "192.0.2.50")).toBeNull();
    expect((await authorize("bob@handprop.test", "a-new-long-password", "192.0.2.50"))?.id).toBe(ids.bob);
  });

  it("end when an instructor removes the student from a course", async () => {
    const before = await signInToken(ids.taro);
    expect(await who(before)).toBe(ids.taro);
    await removeStudent(db, { id: ids.teacher, role: "instructor" }, courseId, ids.taro);
    expect(await who(before)).toBeNull();
  });

  it("refuse a token naming a version the user never had, or one of another type", async () => {
    const forged = await encode({ token: { sub: ids.alice, sv: 99 }, secret: sessionSecret(), maxAge: 3600 });
    expect(await who(forged)).toBeNull();
    const odd = await encode({ token: { sub: ids.alice, sv: "0" } as unknown as JWT, secret: sessionSecret(), maxAge: 3600 });
    expect(await who(odd)).toBeNull();
  });
});

/** The credentials provider's own authorize(), as next-auth's callback route calls it, from `address`. */
const authorize = (email: string, password: string, address: string) =>
  (authOptions.providers[0] as unknown as { options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<{ id: string } | null> } }).options.authorize(
    { email, password },
    { headers: { "x-forwarded-for": address } },
  );

describe("signing in from one place against someone else's account", () => {
  it("locks the attacker's address out of the account after ten guesses, not the victim at home", async () => {
    const attacker = "203.0.113.66";
    for (let i = 0; i < 9; i++) expect(await authorize("alice@handprop.test", `guess-${i}`, attacker)).toBeNull();
    await expect(authorize("alice@handprop.test", "guess-9", attacker)).rejects.toThrow(TOO_MANY_ATTEMPTS);
    // Even the right password is refused from there...
    await expect(authorize("alice@handprop.test", DEMO_PASSWORD, attacker)).rejects.toThrow(TOO_MANY_ATTEMPTS);
    // ...and a forged X-Forwarded-For does not help: the address is the entry the proxy added.
    await expect(authorize("alice@handprop.test", DEMO_PASSWORD, `198.51.100.1, ${attacker}`)).rejects.toThrow(TOO_MANY_ATTEMPTS);
    // Alice, elsewhere, signs in.
    expect((await authorize("alice@handprop.test", DEMO_PASSWORD, "198.51.100.7"))?.id).toBe(ids.alice);
  });
});

describe("password hashes", () => {
  it("use scrypt at OWASP's parameters (N = 2^17, r = 8, p = 1) unless the test suites ask for cheap ones", async () => {
    expect(fastTestHashing()).toBe(true); // vitest.config.ts
    const saved = process.env.HANDPROP_INSECURE_TEST_HASHING;
    delete process.env.HANDPROP_INSECURE_TEST_HASHING;
    try {
      expect(currentParams()).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    } finally {
      process.env.HANDPROP_INSECURE_TEST_HASHING = saved;
    }
    // Outside NODE_ENV=test the switch does nothing.
    const vars = process.env as Record<string, string | undefined>;
    const env = vars.NODE_ENV;
    vars.NODE_ENV = "production";
    try {
      expect(fastTestHashing()).toBe(false);
      expect(currentParams()).toEqual(OWASP_SCRYPT);
    } finally {
      vars.NODE_ENV = env;
    }
  });

  it("hash at N = 2^17 on the thread pool, leaving the event loop free", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const hash = await hashPassword("correct horse battery staple", OWASP_SCRYPT);
    const ms = performance.now() - started;
    clearInterval(timer);
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(ticks).toBeGreaterThan(ms / 10 / 3); // the timer kept firing while scrypt ran
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(needsRehash(hash, OWASP_SCRYPT)).toBe(false);
  });

  it("at N = 2^17 run one at a time on a thread of lower CPU priority; past the queue's limit they are refused at once", async () => {
    /** The nice value of each of this process's threads (field 19 of its stat), the main thread's first. */
    const niceOfThreads = () =>
      [String(process.pid), ...readdirSync("/proc/self/task").filter((tid) => tid !== String(process.pid))].map((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
      });
    const started = performance.now();
    const outcomes = Array.from({ length: SLOW_QUEUE_LIMIT + 3 }, () =>
      hashPassword("one of many", OWASP_SCRYPT).then(
        (hash) => ({ hash, ms: performance.now() - started }),
        (error: unknown) => ({ error, ms: performance.now() - started }),
      ),
    );
    const first = await outcomes[0];
    expect("hash" in first && (await verifyPassword("one of many", first.hash))).toBe(true);
    // The hash ran on the pool's own thread, which lowered its priority and only its own.
    const [main, ...others] = niceOfThreads();
    expect(main).toBe(0);
    expect(others).toContain(HASHING_NICE);
    const refused = [];
    for (const o of outcomes.slice(-3)) {
      const r = await o;
      if ("error" in r) refused.push(r);
    }
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const r of refused) {
      expect(r.error).toBeInstanceOf(HashingBusy);
      expect(r.ms).toBeLessThan(first.ms); // refused before the first hash was even done
    }
    // The rest are still queued: ending the pools drops them (and the next hash starts a new pool).
    await destroyPools();
    await Promise.all(outcomes);
  });

  it("refuse stored hashes with absurd parameters rather than spend gigabytes on them", async () => {
    const good = await hashPassword("x");
    const [, , r, p, salt, h] = good.split("$");
    expect(await verifyPassword("x", ["scrypt", 2 ** 24, r, p, salt, h].join("$"))).toBe(false);
    expect(await verifyPassword("x", ["scrypt", 1000, r, p, salt, h].join("$"))).toBe(false);
    expect(await verifyPassword("x", "plain-text")).toBe(false);
  });

  it("made with older parameters are upgraded at the next sign-in, without ending sessions", async () => {
    const legacy = await hashPassword(DEMO_PASSWORD, { N: 2 ** 15, r: 8, p: 1 }); // the parameters before
    const user = await db.user.create({ data: { email: "legacy@handprop.test", name: "Legacy", passwordHash: legacy } });
    const session = await signInToken(user.id);
    const saved = process.env.HANDPROP_INSECURE_TEST_HASHING;
    delete process.env.HANDPROP_INSECURE_TEST_HASHING; // sign in as the app does: OWASP's parameters
    try {
      expect((await authorize("legacy@handprop.test", DEMO_PASSWORD, "192.0.2.80"))?.id).toBe(user.id);
    } finally {
      process.env.HANDPROP_INSECURE_TEST_HASHING = saved;
    }
    const upgraded = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    expect(paramsOf(upgraded)).toEqual(OWASP_SCRYPT);
    expect(await verifyPassword(DEMO_PASSWORD, upgraded)).toBe(true);
    expect(await who(session)).toBe(user.id);
    // A wrong password upgrades nothing.
    await db.user.update({ where: { id: user.id }, data: { passwordHash: legacy } });
    expect(await authorize("legacy@handprop.test", "wrong", "192.0.2.80")).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(legacy);
  });

  it("of a server-drawn one-time password are kept at sign-in (96 random bits need no stretching); a chosen password at the same cheap cost is upgraded", async () => {
    const saved = process.env.HANDPROP_INSECURE_TEST_HASHING;
    delete process.env.HANDPROP_INSECURE_TEST_HASHING; // the app's parameters
    try {
      const oneTime = newOneTimePassword();
      const marked = await hashOneTimePassword(oneTime);
      expect(marked).toMatch(/^scrypt-random\$1024\$8\$1\$/);
      expect(paramsOf(marked)).toEqual(ONE_TIME_SCRYPT);
      expect(needsRehash(marked, OWASP_SCRYPT)).toBe(false);
      // The kind is part of what is checked: the same parameters and bytes under the chosen kind are upgraded.
      expect(needsRehash(marked.replace(/^scrypt-random\$/, "scrypt$"), OWASP_SCRYPT)).toBe(true);
      const fresh = await db.user.create({ data: { email: "fresh@handprop.test", name: "Fresh", passwordHash: marked } });
      const started = performance.now();
      expect((await authorize("fresh@handprop.test", oneTime, "192.0.2.81"))?.id).toBe(fresh.id);
      const ms = performance.now() - started;
      expect((await db.user.findUniqueOrThrow({ where: { id: fresh.id } })).passwordHash).toBe(marked);
      expect(await authorize("fresh@handprop.test", `${oneTime}x`, "192.0.2.81")).toBeNull();
      console.log(`[auth] sign-in with a one-time password: ${ms.toFixed(0)} ms (no rehash at N = 2^17)`);

      const chosen = await hashPassword(DEMO_PASSWORD, ONE_TIME_SCRYPT);
      const person = await db.user.create({ data: { email: "chosen-cheap@handprop.test", name: "Chosen", passwordHash: chosen } });
      expect((await authorize("chosen-cheap@handprop.test", DEMO_PASSWORD, "192.0.2.82"))?.id).toBe(person.id);
      expect(paramsOf((await db.user.findUniqueOrThrow({ where: { id: person.id } })).passwordHash)).toEqual(OWASP_SCRYPT);
    } finally {
      process.env.HANDPROP_INSECURE_TEST_HASHING = saved;
    }
  });
});

describe("one-time messages", () => {
  const report = { added: [{ line: 1, name: "New", email: "new@x.test", initialPassword: "s3cret" }], rejected: [] };

  it("are read once, by the session they were kept for, from any process", async () => {
    const teacher = { id: ids.teacher, sessionId: "session-a" };
    await keepOnce(db, teacher, "csv-report:c1", report);
    // Another session of the same user, another user, another topic: nothing.
    expect(await takeOnce(db, { id: ids.teacher, sessionId: "session-b" }, "csv-report:c1")).toBeUndefined();
    expect(await takeOnce(db, { id: ids.alice, sessionId: "session-a" }, "csv-report:c1")).toBeUndefined();
    expect(await takeOnce(db, teacher, "csv-report:c2")).toBeUndefined();
    // A second client of the database is another app process.
    const { createClient, databaseUrl } = await import("../lib/db/client");
    const other = createClient(databaseUrl());
    try {
      const [a, b] = await Promise.all([takeOnce(db, teacher, "csv-report:c1"), takeOnce(other, teacher, "csv-report:c1")]);
      expect([a, b].filter(Boolean)).toEqual([report]);
    } finally {
      await other.$disconnect();
    }
    expect(await takeOnce(db, teacher, "csv-report:c1")).toBeUndefined();
  });

  it("expire unread, and go with the session when it signs out", async () => {
    const teacher = { id: ids.teacher, sessionId: "session-c" };
    const long = new Date(Date.now() - ONCE_TTL_MS - 1000);
    await keepOnce(db, teacher, "t", report, long);
    expect(await takeOnce(db, teacher, "t")).toBeUndefined();
    const token = await signInToken(ids.teacher);
    const { sid } = (await decode({ token, secret: sessionSecret() }))!;
    await keepOnce(db, { id: ids.teacher, sessionId: sid as string }, "t", report);
    await signOut(token);
    expect(await db.oneTimeMessage.count({ where: { userId: ids.teacher, sessionId: sid as string } })).toBe(0);
  });
});
