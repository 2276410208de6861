// Where the student stands on a set, said before they do anything, on the dashboard and the
// exercise page alike (lib/course/standing.ts): "due 15 Jan 2027, 23:59 (Asia/Tokyo) — in 3 days",
// "past due: late attempts lose 50% until …", "closed". Dates in the course's zone, named, with the
// reader's own time beside them when their browser is elsewhere.
import type { TFunction } from "i18next";
import { INTL_LOCALES, type Locale } from "@/lib/i18n";
import { formatInZone } from "@/lib/time";
import { timeUntil, type Standing } from "@/lib/course/standing";
import { LocalTime } from "./local-time";

/** The instant in the course's zone, and in the reader's own when it differs. */
export function CourseTime({ d, zone, locale, t }: { d: Date; zone: string; locale: Locale; t: TFunction }) {
  return (
    <>
      <time dateTime={d.toISOString()}>{formatInZone(d, locale, zone)}</time>
      <LocalTime at={d.toISOString()} zone={zone} label={t("standing.yourTime")} intlLocale={INTL_LOCALES[locale]} />
    </>
  );
}

/** "in 3 days", "3日後", "3일 후": the language's own words, by Intl. */
const inWords = (then: Date, now: Date, locale: Locale) => {
  const { unit, count } = timeUntil(then, now);
  return new Intl.RelativeTimeFormat(INTL_LOCALES[locale], { numeric: "auto" }).format(count, unit);
};

export function StandingLine({ standing, zone, locale, t, now = new Date() }: { standing: Standing; zone: string; locale: Locale; t: TFunction; now?: Date }) {
  const at = (d: Date) => <CourseTime d={d} zone={zone} locale={locale} t={t} />;
  switch (standing.kind) {
    case "notOpen":
      return (
        <p data-testid="standing" data-standing="notOpen">
          <strong>{t("standing.notOpen")}</strong> {at(standing.opensAt)} ({inWords(standing.opensAt, now, locale)})
        </p>
      );
    case "open":
      return (
        <p data-testid="standing" data-standing="open">
          {standing.dueAt ? (
            <>
              {t("standing.due")} {at(standing.dueAt)} ({inWords(standing.dueAt, now, locale)})
            </>
          ) : (
            t("dashboard.noDue")
          )}
        </p>
      );
    case "late": {
      const percent = Math.round(100 * standing.penalty);
      return (
        <p data-testid="standing" data-standing="late" className="warning">
          <strong>{t("standing.late")}</strong> {percent ? t("standing.latePenalty", { percent }) : t("standing.lateNoPenalty")}
          {standing.until ? (
            <>
              {" "}
              {t("standing.lateUntil")} {at(standing.until)} ({inWords(standing.until, now, locale)})
            </>
          ) : null}
        </p>
      );
    }
    case "closed":
      return (
        <p data-testid="standing" data-standing="closed">
          <strong>{t("standing.closed")}</strong> {standing.closedAt ? <>{t("standing.closedAt")} {at(standing.closedAt)}</> : null}
        </p>
      );
  }
}
