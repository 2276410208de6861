// A set's life on its page: its status (draft, published, hidden) with the form that changes it,
// and the way to delete it, or why it cannot be deleted (students submitted, or an LMS links it).
import type { TFunction } from "i18next";
import Link from "next/link";
import { prisma } from "@/lib/db/client";
import type { ActorRef } from "@/lib/access";
import { SET_STATUSES, setDeletability } from "@/lib/teach/set-life";
import { setStatusAction } from "../../life-actions";

/** Why the set cannot be deleted, in words: the button stays, disabled, with the reason beside it. */
export function NotDeletable({ submissions, ltiLinks, t }: { submissions: number; ltiLinks: number; t: TFunction }) {
  const why = submissions > 0 ? t("life.cannotDeleteSubmissions", { count: submissions }) : t("life.cannotDeleteLinked", { count: ltiLinks });
  return (
    <p>
      <button type="button" className="button secondary" disabled aria-describedby="delete-why">
        {t("life.delete")}
      </button>{" "}
      <span id="delete-why" data-testid="delete-why">
        {why}
      </span>
    </p>
  );
}

export async function SetLife({ set, actor, teaches, t }: { set: { id: string; status: string }; actor: ActorRef; teaches: boolean; t: TFunction }) {
  const can = await setDeletability(prisma, actor, set.id);
  const status = (SET_STATUSES as readonly string[]).includes(set.status) ? set.status : "published";
  return (
    <section aria-labelledby="life-heading" id="life">
      <h3 id="life-heading">{t("life.heading")}</h3>
      <p data-testid="set-status">
        {t("life.statusNow", { status: t(`life.status.${status}`) })} {t(`life.statusMeans.${status}`)}
      </p>
      {teaches ? (
        <>
          <form action={setStatusAction.bind(null, set.id)} className="stack-form">
            <label>
              {t("life.statusField")}
              <select name="status" defaultValue={status}>
                {SET_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`life.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button">
              {t("life.saveStatus")}
            </button>
          </form>
          {can.deletable ? (
            <p>
              <Link href={`/teach/sets/${set.id}/delete`} className="button secondary">
                {t("life.delete")}
              </Link>
            </p>
          ) : (
            <NotDeletable submissions={can.submissions} ltiLinks={can.ltiLinks} t={t} />
          )}
        </>
      ) : null}
    </section>
  );
}
