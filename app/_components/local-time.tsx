"use client";
// A date shown in the course's time zone, followed, for a reader whose browser lives in another
// zone (a student abroad), by the same instant in their own time. Nothing extra when the zones
// agree, and nothing before hydration (the server does not know the reader's zone).
import { useHydrated } from "@/app/_lib/use-hydrated";

export function LocalTime({ at, zone, label, intlLocale }: { at: string; zone: string; label: string; intlLocale: string }) {
  const hydrated = useHydrated();
  if (!hydrated) return null;
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!mine || mine === zone) return null;
  const when = new Date(at).toLocaleString(intlLocale, { dateStyle: "medium", timeStyle: "short" });
  return <span className="note" data-testid="local-time">{` (${label}: ${when})`}</span>;
}
