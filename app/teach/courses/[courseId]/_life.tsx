// A course's life on its page: each set's status beside its title, the new set's first status
// (draft unless the instructor publishes it at once), the link to a student's removal (a
// confirmation page, so one click never removes anyone), and the fields of "copy to a new term"
// (a course's copy keeps its sets, as drafts, with their dates moved).
import type { Typed } from "@/app/_lib/form-action";
import type { TFunction } from "i18next";
import Link from "next/link";
import { NEW_SET_STATUSES } from "@/lib/teach/set-life";

/** "draft" or "hidden" beside a set's title; a published set not open yet says when it opens. */
export function SetStatusTag({ set, date, t, now = new Date() }: { set: { status: string; opensAt: Date | null }; date: (d: Date | null) => string; t: TFunction; now?: Date }) {
  if (set.status === "draft" || set.status === "hidden") {
    return (
      <span className="badge badge-fixed" data-status={set.status}>
        {t(`life.status.${set.status}`)}
      </span>
    );
  }
  return set.opensAt && set.opensAt > now ? <span data-status="scheduled">{t("life.scheduled", { date: date(set.opensAt) })}</span> : null;
}

/** The new-set form's choice: a draft (checked, unless the refused form had `typed` another) or published at once. */
export function NewSetStatusField({ t, typed }: { t: TFunction; typed?: string }) {
  const chosen = (NEW_SET_STATUSES as readonly string[]).includes(typed ?? "") ? typed : "draft";
  return (
    <fieldset>
      <legend>{t("life.newSetStatus")}</legend>
      {NEW_SET_STATUSES.map((s) => (
        <label key={s} style={{ flexDirection: "row", fontWeight: 400 }}>
          <input type="radio" name="status" value={s} defaultChecked={s === chosen} /> {t(`life.newStatus.${s}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** "Remove…": the confirmation page, where the instructor also chooses what happens to the work. */
export function RemoveStudentLink({ courseId, userId, name, t }: { courseId: string; userId: string; name: string; t: TFunction }) {
  return (
    <Link href={`/teach/courses/${courseId}/remove/${encodeURIComponent(userId)}`} className="button secondary" aria-label={t("teach.course.removeStudent", { name })}>
      {t("teach.course.remove")}
    </Link>
  );
}

/** What the "copy to a new term" form asks: the copy's title and how many days its dates move. */
export function CopyCourseFields({ title, t, typed }: { title: string; t: TFunction; typed?: Typed }) {
  return (
    <>
      <label>
        {t("life.copyTitle")}
        <input name="title" required maxLength={200} defaultValue={typed?.title?.[0] ?? t("life.copyDefaultTitle", { title })} />
      </label>
      <label>
        {t("life.offsetDays")}
        <input type="number" name="offsetDays" min={-3650} max={3650} step={1} defaultValue={typed?.offsetDays?.[0] ?? 0} required aria-describedby="offset-hint" />
      </label>
      <small id="offset-hint">{t("life.offsetHint")}</small>
      <button type="submit" className="button">
        {t("life.copySubmit")}
      </button>
    </>
  );
}
