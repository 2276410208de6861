// The dashboard's "From your instructor": the student's exceptions (their own due date, extra
// attempts) and manual scores with their reasons, on the sets of the courses they are in.
import type { TFunction } from "i18next";
import { prisma } from "@/lib/db/client";
import type { ActorRef } from "@/lib/access";
import { myAdjustments } from "@/lib/teach/exceptions";
import { itemTitlesIn } from "@/lib/course/titles";

export async function Adjustments({ actor, t, date, locale }: { actor: ActorRef; t: TFunction; date: (d: Date) => string; locale: string }) {
  const { exceptions, manualScores } = await myAdjustments(prisma, actor);
  if (!exceptions.length && !manualScores.length) return null;
  // Exercise names follow the reader's language, as everywhere on the dashboard (lib/exercises/titles.ts).
  const titles = await itemTitlesIn(prisma, manualScores.map((m) => ({ id: m.itemId, title: m.itemTitle })), locale);
  return (
    <section aria-labelledby="adjustments" data-testid="adjustments">
      <h2 id="adjustments">{t("dashboard.adjustments")}</h2>
      <ul>
        {exceptions.map((x) => (
          <li key={x.setId}>
            {x.extended && x.dueAt ? t("dashboard.extendedDue", { set: x.setTitle, date: date(x.dueAt) }) : null}
            {x.extended && x.extraAttempts ? " " : null}
            {x.extraAttempts ? t("dashboard.extraAttempts", { set: x.setTitle, count: x.extraAttempts }) : null}
          </li>
        ))}
        {manualScores.map((m) => (
          <li key={m.itemId}>{t("dashboard.manualScore", { set: m.setTitle, exercise: titles.get(m.itemId) ?? m.itemTitle, score: m.score, max: m.maxScore, reason: m.reason })}</li>
        ))}
      </ul>
    </section>
  );
}
