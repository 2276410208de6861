// Instructor pages: a signed-in instructor, else the sign-in page (nobody) or 404 (a student).
import "server-only";
import { notFound, redirect } from "next/navigation";
import { requireActor } from "@/app/_lib/guard";
import { AppError } from "@/lib/errors";
import { formatUtc, type Locale } from "@/lib/i18n";
import { formErrorCode, refusalUrl } from "@/app/_lib/form";

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
 * In a server action: a domain error goes back to `page` as a ?error= code that the page words in
 * the reader's language (never the error's own text); anything else is rethrown. Prefer
 * refusing() (app/_lib/form-action.ts), which also keeps worded details for the session.
 */
export async function backWithError(page: string, e: unknown): Promise<never> {
  if (!(e instanceof AppError)) throw e;
  redirect(refusalUrl(page, formErrorCode(e), e));
}
