// The student's unseen grade changes, each with what changed and why, and a button to mark it seen.
import type { TFunction } from "i18next";
import type { NoticeView } from "@/lib/course/notices";
import { REGRADE_REASON } from "@/lib/course/notices";
import { dismissNoticeAction } from "./notice-actions";

/** Why the grade changed, in the reader's language: a regrade's reason is a code, a manual score's the instructor's words. */
function reasonOf(n: NoticeView, t: TFunction): string {
  if (n.kind === "regrade" && n.reason === REGRADE_REASON) return t("dashboard.notices.regradeReason");
  if (n.kind === "manual") return t("dashboard.notices.manualReason", { reason: n.reason });
  return n.reason;
}

const points = (x: number | null) => (x === null ? "—" : String(Math.round(x * 1000) / 1000));

function noticeText(n: NoticeView, t: TFunction): string {
  const values = { set: n.setTitle, exercise: n.exercise ?? "", before: points(n.before), after: points(n.after), max: points(n.maxScore), reason: reasonOf(n, t) };
  return t(n.exercise ? "dashboard.notices.changed" : "dashboard.notices.changedSet", values);
}

export function GradeNotices({ notices, t }: { notices: NoticeView[]; t: TFunction }) {
  if (!notices.length) return null;
  return (
    <section aria-labelledby="notices-heading" id="notices" className="notice" data-testid="grade-notices">
      <h2 id="notices-heading">{t("dashboard.notices.heading")}</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id} data-kind={n.kind}>
            {noticeText(n, t)}{" "}
            <form action={dismissNoticeAction} style={{ display: "inline" }}>
              <input type="hidden" name="noticeId" value={n.id} />
              <button type="submit" className="button" aria-label={t("dashboard.notices.dismissLabel", { set: n.exercise ? `${n.setTitle} — ${n.exercise}` : n.setTitle })}>
                {t("dashboard.notices.dismiss")}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
