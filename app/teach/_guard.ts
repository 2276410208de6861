// Instructor pages: a signed-in instructor, else the sign-in page (nobody) or 404 (a student).
import "server-only";
import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/app/_lib/guard";
import { AppError } from "@/lib/errors";
import { formatUtc, reasonIn, type Locale } from "@/lib/i18n";
import type { Reason } from "@/lib/reasons";
import { getT } from "@/lib/i18n/server";

export async function requireInstructorPage(back: string) {
  const actor = await requireActor(back);
  if (actor.role !== "instructor") notFound();
  return actor;
}

/** "2026-12-01T09:00" from a datetime-local field, read as UTC (the pages say so). */
export function utcField(value: FormDataEntryValue | null): string {
  const v = String(value ?? "").trim();
  return v ? `${v.length === 16 ? `${v}:00` : v}Z` : "";
}

export const utc = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

/** A date in UTC for the reader's language: ISO-like in English, the language's own format otherwise. */
export const utcIn = (locale: Locale) => (d: Date | null) =>
  locale === "en" || !d ? utc(d) : formatUtc(d, locale);
export const fieldValue = (d: Date | null) => (d ? d.toISOString().slice(0, 16) : "");

/**
 * In a server action: a domain error goes back to `page` as its ?error= banner (in the reader's
 * language when the error has a message key); anything else is rethrown.
 */
export async function backWithError(page: string, e: unknown): Promise<never> {
  if (!(e instanceof AppError)) throw e;
  const { t, locale } = await getT();
  // A reason with a code (a template's, say) is worded in the reader's language, after its key.
  const reasons = Object.entries(e.details ?? {}).filter((d): d is [string, Reason] => typeof d[1] !== "string");
  const message = e.say ? t(e.say) : reasons.length ? reasons.map(([key, why]) => `${key}: ${reasonIn(locale, why)}`).join("; ") : e.message;
  redirect(`${page}?error=${encodeURIComponent(message)}`);
}
