// Opening a problem-set exercise draws the student's own variant (once) and goes to it. Before the
// set's opening date the page says when it opens; anything else refused is the 404 page.
import Link from "next/link";
import { redirect } from "next/navigation";
import { openItem } from "@/lib/course/work";
import { itemTitleIn } from "@/lib/course/titles";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatUtc } from "@/lib/i18n";
import { getT } from "@/app/_lib/i18n.server";
import { orNotFound, requireActor } from "@/app/_lib/guard";

/** The opening date of a "not open yet" refusal (lib/course/work.ts notOpenYet), else null. */
function opensAtOf(e: unknown): Date | null {
  if (!(e instanceof AppError) || e.say !== "errors.notOpenYet" || typeof e.details?.opensAt !== "string") return null;
  return new Date(e.details.opensAt);
}

export default async function OpenItem({ params }: { params: Promise<{ itemId: string }> }) {
  const { itemId } = await params;
  const actor = await requireActor(`/items/${itemId}`);
  const opened = await openItem(prisma, actor, itemId).catch((e: unknown) => ({ refused: e }));
  if ("refused" in opened) {
    const opensAt = opensAtOf(opened.refused);
    if (!opensAt) return orNotFound(Promise.reject(opened.refused));
    const { t, locale } = await getT();
    // The exercise is named, in the reader's language, as the dashboard names it before it opens.
    const title = await itemTitleIn(prisma, itemId, locale);
    return (
      <>
        <h1>{t("life.notOpenTitle")}</h1>
        {title ? <p className="lead">{title}</p> : null}
        <p role="status" data-testid="not-open-yet">
          {t("life.notOpenText", { date: formatUtc(opensAt, locale) })}
        </p>
        <p>
          <Link href="/dashboard">{t("life.backToDashboard")}</Link>
        </p>
      </>
    );
  }
  redirect(`/work/${opened.id}`);
}
