// One built-in exercise: the given data, then the full worked solution.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { builtinTemplates } from "@/lib/exercises/builtin";
import { titlesIn } from "@/lib/exercises/template";
import { shownExercise, summarize } from "@/app/_lib/exercise";
import { Given } from "@/app/_components/given";
import { kindLabel, SummaryList } from "@/app/_components/summary";
import { WorkedSolution } from "@/app/_components/worked-solution";
import { currentActor } from "@/app/_lib/session.server";
import { mayRevealBuiltin } from "@/lib/course/reveal";
import { getT } from "@/app/_lib/i18n.server";

interface Props {
  params: Promise<{ id: string }>;
}

export function generateStaticParams(): { id: string }[] {
  return builtinTemplates().map((t) => ({ id: t.id }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const ex = shownExercise(id);
  const { t, locale } = await getT();
  if (!ex) return { title: t("exercisePage.notFound") };
  const { title, description } = titlesIn(ex.template, locale);
  return { title, description };
}

export default async function ExercisePage({ params }: Props) {
  const { id } = await params;
  const ex = shownExercise(id);
  if (!ex) notFound();
  const { template, kind, seed, net, trace } = ex;
  const { t, locale } = await getT();
  const { title, description, also } = titlesIn(template, locale);
  const showSolution = mayRevealBuiltin(await currentActor(), template);
  return (
    <article className="exercise">
      <p className="breadcrumb">
        <Link href="/">{t("exercisePage.back")}</Link>
      </p>
      <p className={`badge badge-${kind}`}>{kindLabel(kind, t)}</p>
      <h1>{title}</h1>
      {also ? (
        <p lang={also.lang} className="title-also">
          {also.text}
        </p>
      ) : null}
      {description ? <p className="lead">{description}</p> : null}
      {kind === "random" ? (
        <p className="notice" role="note">
          <strong>{t("exercisePage.previewTitle")}</strong> {t("exercisePage.previewBody", { seed })}
        </p>
      ) : null}
      <SummaryList summary={summarize(kind, net)} t={t} />

      <section aria-labelledby="exercise-heading">
        <h2 id="exercise-heading">{t("exercisePage.heading")}</h2>
        <Given net={net} t={t} />
      </section>

      <section aria-labelledby="solution-heading">
        <h2 id="solution-heading">{t("exercisePage.solution")}</h2>
        <p className="note">{t("exercisePage.rounding")}</p>
        {showSolution ? (
          <WorkedSolution net={net} trace={trace} t={t} />
        ) : (
          <p className="notice" role="note">
            {t("exercisePage.instructorsOnly")}
          </p>
        )}
      </section>
    </article>
  );
}
