// Course staff pages and form posts. Nobody signed in: the sign-in page. A course's pages are for
// its staff (lib/access.ts): anyone else sees the 404 page, whether or not the course exists.
// A form post that changes the course is for its instructors: a TA is sent back with "forbidden".
import "server-only";
import { notFound, redirect } from "next/navigation";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { refusing } from "@/app/_lib/form-action";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatUtc, type Locale } from "@/lib/i18n";
import { formatInZone, instantOfLocal, localOfInstant } from "@/lib/time";
import { courseTaughtBy, courseViewableBy, setTaughtBy, setViewableBy } from "@/lib/access";
import { formErrorCode, refusalUrl } from "@/app/_lib/form";

/** A signed-in user whose global role is "instructor" (who may create courses), else 404. */
export async function requireInstructorPage(back: string) {
  const actor = await requireActor(back);
  if (actor.role !== "instructor") notFound();
  return actor;
}

/** An id passed to an action or page (bound by the page, but anyone can post anything). */
export const idOf = (x: unknown) => (typeof x === "string" && /^[\w-]{1,64}$/.test(x) ? x : "");

/** A course page: the signed-in actor and the course with their access ("instructor" | "ta"), or the 404 page. */
export async function staffCoursePage(courseId: string, back = `/teach/courses/${courseId}`) {
  const actor = await requireActor(back);
  const course = await orNotFound(courseViewableBy(prisma, actor, idOf(courseId)));
  return { actor, course };
}

/**
 * A form post that changes a course: the 404 page for anyone not on its staff, and back to `page`
 * with "forbidden" for a teaching assistant. The caller gets the actor of an instructor.
 */
export async function instructorCourseAction(courseId: string, page: string) {
  const actor = await requireActor(page);
  await orNotFound(courseViewableBy(prisma, actor, courseId));
  await refusing(page, () => courseTaughtBy(prisma, actor, courseId));
  return actor;
}

/** The same for a form post that changes a problem set. */
export async function instructorSetAction(setId: string, page: string) {
  const actor = await requireActor(page);
  await orNotFound(setViewableBy(prisma, actor, setId));
  await refusing(page, () => setTaughtBy(prisma, actor, setId));
  return actor;
}

/** "2026-12-01T09:00" from a datetime-local field, read in the course's zone (the form names it), as an ISO instant. */
export function zonedField(value: FormDataEntryValue | null, zone: string): string {
  return instantOfLocal(String(value ?? ""), zone);
}

export const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

/**
 * A date for the reader's language in the course's zone, the zone named. A course in UTC reads as
 * before zones existed: ISO-like in English, the language's own format otherwise.
 */
export const dateIn = (locale: Locale, zone = "UTC") => (d: Date | null) => {
  if (!d) return "—";
  if (zone !== "UTC") return formatInZone(d, locale, zone);
  return locale === "en" ? utc(d) : formatUtc(d, locale);
};

/** A datetime-local field's value for an instant, in the course's zone. */
export const fieldValue = (d: Date | null, zone = "UTC") => localOfInstant(d, zone);

/**
 * In a server action: a domain error goes back to `page` as a ?error= code that the page words in
 * the reader's language (never the error's own text); anything else is rethrown. Prefer
 * refusing() (app/_lib/form-action.ts), which also keeps worded details for the session.
 */
export async function backWithError(page: string, e: unknown): Promise<never> {
  if (!(e instanceof AppError)) throw e;
  redirect(refusalUrl(page, formErrorCode(e), e));
}
