// The dashboard's "mark as seen" form (app/dashboard/notice-actions.ts) posted as an attacker would:
// nobody signed in, someone else's notice, a made-up or missing id. Each answer is a redirect
// (to sign in, or back to the dashboard with a code), never a thrown error, and only the notice's
// own student marks it seen.
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "../lib/auth/session";
import { freshDbUrl, useForApp } from "./db-file";

const request = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
  headers: async () => new Headers({ "accept-language": "en", "x-forwarded-for": "192.0.2.11" }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("../app/_lib/session.server", async (original) => ({ ...(await original<typeof import("../app/_lib/session.server")>()), currentActor: async () => request.actor }));

useForApp(await freshDbUrl("notice-action"));
const { prisma: db } = await import("../lib/db/client");
const { seedDemo } = await import("../lib/course/demo");
const { dismissNoticeAction } = await import("../app/dashboard/notice-actions");

const people: Record<string, Actor> = {};
let noticeId = "";

beforeAll(async () => {
  const { problemSetId } = await seedDemo(db);
  for (const name of ["alice", "bob"]) {
    const u = await db.user.findUniqueOrThrow({ where: { email: `${name}@handprop.test` } });
    people[name] = { id: u.id, email: u.email, name: u.name, role: "student", locale: u.locale, sessionId: `${name}-session` };
  }
  noticeId = (await db.gradeNotice.create({ data: { userId: people.alice.id, problemSetId, kind: "manual", before: 3, after: 5, maxScore: 10, reason: "illegible photo re-read" } })).id;
});
afterAll(() => db.$disconnect());

async function post(who: string | null, fields: Record<string, string>): Promise<string> {
  request.actor = who ? people[who] : null;
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  try {
    await dismissNoticeAction(form);
  } catch (e) {
    if (isRedirectError(e)) return getURLFromRedirectError(e);
    throw e;
  }
  throw new Error("the action answered without a redirect");
}

const seenAt = async () => (await db.gradeNotice.findUniqueOrThrow({ where: { id: noticeId } })).seenAt;

describe("marking a grade notice seen", () => {
  it("sends nobody to sign in, and refuses another student's or a made-up notice with the notice unchanged", async () => {
    expect(await post(null, { noticeId })).toMatch(/^\/signin/);
    expect(await post("bob", { noticeId })).toBe("/dashboard?error=notFound");
    expect(await post("bob", { noticeId: "x".repeat(5000) })).toMatch(/^\/dashboard\?error=/);
    expect(await post("alice", {})).toBe("/dashboard?error=notFound");
    expect(await seenAt()).toBeNull();
  });

  it("marks the student's own notice seen, once", async () => {
    expect(await post("alice", { noticeId })).toBe("/dashboard#notices");
    const first = await seenAt();
    expect(first).not.toBeNull();
    expect(await post("alice", { noticeId })).toBe("/dashboard#notices");
    expect(await seenAt()).toEqual(first);
  });
});
