// The second step of deleting a problem set: what will go, and one button (a plain form, no script
// needed). A set students have submitted to cannot be deleted; the page says why instead.
import Link from "next/link";
import { notFound } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { getT } from "@/app/_lib/i18n.server";
import { setViewableBy } from "@/lib/access";
import { setDeletability } from "@/lib/teach/set-life";
import { FormRefusal } from "@/app/_components/form-refusal";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { idOf } from "../../../_guard";
import { deleteSetAction } from "../../../life-actions";
import { NotDeletable } from "../_life";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("life.deleteTitle") };
}

export default async function DeleteSetPage({ params, searchParams }: { params: Promise<{ setId: string }>; searchParams: Promise<{ error?: string }> }) {
  const setId = idOf((await params).setId);
  const sp = await searchParams;
  const actor = await requireActor(`/teach/sets/${setId}/delete`);
  const set = await orNotFound(setViewableBy(prisma, actor, setId));
  // Only the course's instructors delete; its teaching assistants have no such page.
  if (set.access !== "instructor") notFound();
  const { t } = await getT();
  const can = await setDeletability(prisma, actor, setId);
  return (
    <>
      <p>
        <Link href={`/teach/sets/${setId}`}>{t("life.backToSet")}</Link>
      </p>
      <h1>{t("life.deleteHeading", { title: set.title })}</h1>
      <FormRefusal error={sp.error} page={`/teach/sets/${setId}/delete`} session={actor} />
      {can.deletable ? (
        <form action={deleteSetAction.bind(null, setId)} className="stack-form">
          <p>{t("life.deleteExplain", { count: set.items.length })}</p>
          <button type="submit" className="button">
            {t("life.deleteConfirm")}
          </button>
          <Link href={`/teach/sets/${setId}`}>{t("life.cancel")}</Link>
        </form>
      ) : (
        <NotDeletable submissions={can.submissions} ltiLinks={can.ltiLinks} t={t} />
      )}
    </>
  );
}
