import { practiceTemplates } from "@/lib/exercises/builtin";
import { titlesIn } from "@/lib/exercises/template";
import { getT } from "@/app/_lib/i18n.server";
import { requireActor } from "@/app/_lib/guard";
import { FormRefusal } from "@/app/_components/form-refusal";
import { startPracticeAction as start } from "./actions";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("practice.title") };
}

export default async function Practice({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  await requireActor("/practice");
  const sp = await searchParams;
  const { t, locale } = await getT();
  return (
    <>
      <h1>{t("practice.title")}</h1>
      <p className="lead">{t("practice.lead")}</p>
      <FormRefusal error={sp.error} />
      <ul className="cards">
        {practiceTemplates().map((tpl) => {
          // Title and description in the reader's language (English where the template has no translation).
          const { title, description } = titlesIn(tpl, locale);
          return (
            <li key={tpl.id} className="card">
              <h2>{title}</h2>
              {description ? <p>{description}</p> : null}
              <form action={start}>
                <input type="hidden" name="template" value={tpl.id} />
                <button type="submit" className="button" aria-label={`${t("practice.start")}: ${title}`}>
                  {t("practice.start")}
                </button>
              </form>
            </li>
          );
        })}
      </ul>
    </>
  );
}
