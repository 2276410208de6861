import { redirect } from "next/navigation";
import { builtinTemplates } from "@/lib/exercises/builtin";
import { startPractice } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";
import { titlesIn } from "@/lib/exercises/template";
import { getT } from "@/lib/i18n/server";
import { requireActor } from "@/app/_lib/guard";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("practice.title") };
}

async function start(form: FormData) {
  "use server";
  const actor = await requireActor("/practice");
  const v = await startPractice(prisma, actor, String(form.get("template") ?? ""));
  redirect(`/work/${v.id}`);
}

export default async function Practice() {
  await requireActor("/practice");
  const { t, locale } = await getT();
  return (
    <>
      <h1>{t("practice.title")}</h1>
      <p className="lead">{t("practice.lead")}</p>
      <ul className="cards">
        {builtinTemplates().map((tpl) => (
          <li key={tpl.id} className="card">
            <h2>{titlesIn(tpl, locale).title}</h2>
            <p>{locale === "ja" && tpl.description_ja ? tpl.description_ja : tpl.description}</p>
            <form action={start}>
              <input type="hidden" name="template" value={tpl.id} />
              <button type="submit" className="button" aria-label={`${t("practice.start")}: ${titlesIn(tpl, locale).title}`}>
                {t("practice.start")}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
}
