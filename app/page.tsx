// Home: every built-in exercise, with its architecture at a glance.
import Link from "next/link";
import { allTemplates } from "@/app/_lib/exercise";
import { kindLabel, SummaryList } from "@/app/_components/summary";
import { rich } from "@/app/_lib/rich";
import { titlesIn } from "@/lib/exercises/template";
import { getT } from "@/app/_lib/i18n.server";

export default async function Home() {
  const templates = allTemplates();
  const { t, locale } = await getT();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <p>{rich(t("home.kinds"), [<strong key="fixed">{t("home.fixedKind")}</strong>, <strong key="random">{t("home.randomKind")}</strong>])}</p>
      <ul className="cards">
        {templates.map(({ template, summary }) => {
          const { title, description, also } = titlesIn(template, locale);
          return (
            <li key={template.id} className="card">
              <p className={`badge badge-${summary.kind}`}>{kindLabel(summary.kind, t)}</p>
              <h2>
                <Link href={`/exercises/${template.id}`}>{title}</Link>
              </h2>
              {also ? (
                <p lang={also.lang} className="title-also">
                  {also.text}
                </p>
              ) : null}
              {description ? <p>{description}</p> : null}
              <SummaryList summary={summary} t={t} />
              <p className="card-link">
                <Link href={`/exercises/${template.id}`} aria-label={t("home.openLabel", { title })}>
                  {t("home.open")}
                </Link>
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}
