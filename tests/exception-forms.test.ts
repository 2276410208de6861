// The set page's exception and manual-score forms (app/teach/exception-actions.ts) posted as an
// attacker would: bad or missing fields, other people's ids, the wrong person. Each answer is a
// redirect back to the section with a code the page words in the reader's language, or the 404
// page; never a thrown error (a 500), and nothing written.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../lib/auth/session";
import { freshDbUrl, useForApp } from "./db-file";
import { answerOf, type Answer } from "./form-answer";

const request = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
  headers: async () => new Headers({ "accept-language": "en", "x-forwarded-for": "192.0.2.10" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("../app/_lib/session.server", async (original) => ({ ...(await original<typeof import("../app/_lib/session.server")>()), currentActor: async () => request.actor }));
useForApp(await freshDbUrl("exception-forms"));
const { prisma: db } = await import("../lib/db/client");
const { seedDemo } = await import("../lib/course/demo");
const actions = await import("../app/teach/exception-actions");
const { formErrorText } = await import("../app/_lib/form");
const { translator } = await import("../lib/i18n");

let setId = "";
let itemId = "";
const people: Record<string, Actor> = {};

beforeAll(async () => {
  let courseId = "";
  ({ courseId, problemSetId: setId } = await seedDemo(db));
  itemId = (await db.problemSetItem.findFirstOrThrow({ where: { problemSetId: setId } })).id;
  for (const name of ["teacher", "alice"]) {
    const u = await db.user.findUniqueOrThrow({ where: { email: `${name}@handprop.test` } });
    people[name] = { id: u.id, email: u.email, name: u.name, role: u.role === "instructor" ? "instructor" : "student", locale: u.locale, sessionId: `${name}-session` };
  }
  const ta = await db.user.create({ data: { email: "ta@handprop.test", name: "A Assistant", role: "student", passwordHash: "x" } });
  await db.membership.create({ data: { userId: ta.id, courseId, role: "ta" } });
  people.ta = { id: ta.id, email: ta.email, name: ta.name, role: "student", locale: "en", sessionId: "ta-session" };
  const other = await db.user.create({ data: { email: "other@handprop.test", name: "Other Teacher", role: "instructor", passwordHash: "x" } });
  people.other = { id: other.id, email: other.email, name: other.name, role: "instructor", locale: "en", sessionId: "other-session" };
});
afterAll(async () => {
  await (await import("../lib/run/app")).stopJobRunner();
  await db.$disconnect();
});

async function post(who: string, action: (setId: string, form: FormData) => Promise<unknown>, fields: Record<string, string | Blob>, set = setId): Promise<Answer> {
  request.actor = people[who];
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return answerOf(async () => (await action(set, form), true as const));
}
const query = (a: Answer) => ("redirect" in a ? Object.fromEntries(new URL(a.redirect, "http://x").searchParams) : { not: JSON.stringify(a) });
const written = async () => (await db.studentException.count()) + (await db.manualScore.count()) + (await db.gradeNotice.count());

describe("the exception forms", () => {
  it("send bad fields back to the section with a message in the reader's language, writing nothing", async () => {
    const later = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 16);
    const cases: [Record<string, string | Blob>, string][] = [
      [{ userId: people.alice.id, dueAt: later, reason: "" }, "invalid"],
      [{ userId: people.alice.id, dueAt: "not a date", reason: "x" }, "invalid"],
      [{ userId: people.alice.id, extraAttempts: "-3", reason: "x" }, "invalid"],
      [{ userId: people.alice.id, reason: "nothing given" }, "errors:exceptionEmpty"],
      [{ userId: people.alice.id, dueAt: "2020-01-01T00:00", reason: "x" }, "errors:exceptionNotLater"],
      [{ userId: people.teacher.id, extraAttempts: "1", reason: "x" }, "noStudent"],
      [{ userId: "x".repeat(500), extraAttempts: "1", reason: "x" }, "invalid"],
      [{ userId: new Blob(["a file"]), extraAttempts: "1", reason: "x" }, "invalid"],
    ];
    for (const [fields, error] of cases) {
      const a = await post("teacher", actions.grantExceptionAction, fields);
      expect("redirect" in a && a.redirect).toMatch(new RegExp(`^/teach/sets/${setId}\\?on=exceptions&error=`));
      expect(query(a).error).toBe(error);
      expect(formErrorText(translator("ja"), query(a).error, query(a).fields)).toBeTruthy();
    }
    for (const [fields, error] of [
      [{ userId: people.alice.id, itemId, score: "", reason: "x" }, "invalid"],
      [{ userId: people.alice.id, itemId, score: "5", maxScore: "4", reason: "x" }, "errors:manualScoreAboveMax"],
      [{ userId: people.alice.id, itemId, score: "3", reason: "no points known" }, "errors:manualScoreNeedsMax"],
      [{ userId: people.alice.id, itemId: "no-such-item", score: "3", maxScore: "4", reason: "x" }, "notFound"],
    ] as [Record<string, string>, string][]) {
      expect(query(await post("teacher", actions.giveManualScoreAction, fields)).error).toBe(error);
    }
    expect(await written()).toBe(0);
  });

  it("are for the set's instructors: a TA and a student are refused, another course's instructor gets the 404 page", async () => {
    const fields = { userId: people.alice.id, extraAttempts: "2", reason: "x" };
    expect(query(await post("ta", actions.grantExceptionAction, fields)).error).toBe("errors:staffOnlyInstructors");
    expect(await post("alice", actions.grantExceptionAction, fields)).toEqual({ status: 404 });
    expect(await post("other", actions.grantExceptionAction, fields)).toEqual({ status: 404 });
    expect(await post("ta", actions.giveManualScoreAction, { userId: people.alice.id, itemId, score: "1", maxScore: "2", reason: "x" })).toMatchObject({ redirect: expect.stringContaining("error=errors") });
    expect(await written()).toBe(0);
    expect(await post("teacher", actions.grantExceptionAction, fields)).toEqual({ done: true });
    expect(await post("teacher", actions.giveManualScoreAction, { userId: people.alice.id, itemId, score: "1", maxScore: "2", reason: "oral exam" })).toEqual({ done: true });
    expect(await db.gradeNotice.count({ where: { userId: people.alice.id, kind: "manual" } })).toBe(1);
    expect(await post("teacher", actions.withdrawExceptionAction, { userId: people.alice.id })).toEqual({ done: true });
    expect(await post("teacher", actions.withdrawManualScoreAction, { userId: people.alice.id, itemId })).toEqual({ done: true });
    expect(await db.studentException.count()).toBe(0);
    expect(await db.manualScore.count()).toBe(0);
  });
});
