// A course's own time: dates are stored as instants and entered and shown in the course's time zone
// (an IANA name such as Asia/Tokyo), with the zone named. Daylight saving is date-fns-tz's and the
// platform's time-zone data, never hand arithmetic. Pure (server side: it reads the i18n tables).
import { formatInTimeZone, fromZonedTime } from "date-fns-tz";
import { INTL_LOCALES, type Locale } from "./i18n";

/** The zone a new course starts from, by its instructor's language. */
export const DEFAULT_ZONES: Record<Locale, string> = { en: "UTC", ja: "Asia/Tokyo", ko: "Asia/Seoul" };

/** Whether `zone` is a time zone this runtime knows (an IANA name, or UTC). */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zones offered in a course's settings: the runtime's list, UTC first. */
export function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...all.filter((z) => z !== "UTC")];
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock time typed in a datetime-local field ("2027-01-15T23:59"), read in `zone`, as an
 * ISO instant ("2027-01-15T14:59:00.000Z"); "" for an empty field. Around a daylight-saving change
 * (tests/time.test.ts): a skipped wall time is read with the offset after the change, and a
 * repeated one as its first occurrence.
 * Anything else comes back as it was, for the rules' schema to refuse with its field named.
 */
export function instantOfLocal(value: string, zone: string): string {
  const v = value.trim();
  if (!v) return "";
  const m = LOCAL.exec(v);
  if (!m || !isTimeZone(zone)) return v;
  const d = fromZonedTime(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}`, zone);
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

/** The instant as a datetime-local field's value in `zone` ("" for none). */
export function localOfInstant(d: Date | null | undefined, zone: string): string {
  if (!d) return "";
  return formatInTimeZone(d, zone, "yyyy-MM-dd'T'HH:mm");
}

/** The instant in `zone` for a reader of `locale`, the zone named: "15 Jan 2027, 23:59 (Asia/Tokyo, GMT+9)". */
export function formatInZone(d: Date, locale: Locale, zone: string): string {
  const safe = isTimeZone(zone) ? zone : "UTC";
  const when = d.toLocaleString(INTL_LOCALES[locale], { dateStyle: "medium", timeStyle: "short", timeZone: safe });
  if (safe === "UTC") return `${when} UTC`;
  const offset = new Intl.DateTimeFormat("en", { timeZone: safe, timeZoneName: "shortOffset" }).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? "";
  return `${when} (${safe}${offset ? `, ${offset}` : ""})`;
}

/** The instant as ISO 8601 with the zone's own offset, for exports: "2027-01-15T23:59:00+09:00". */
export function isoInZone(d: Date, zone: string): string {
  return formatInTimeZone(d, isTimeZone(zone) ? zone : "UTC", "yyyy-MM-dd'T'HH:mm:ssXXX");
}
