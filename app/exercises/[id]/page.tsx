// One built-in exercise: the given data, then the full worked solution.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { builtinTemplates } from "@/lib/exercises/builtin";
import { shownExercise, summarize } from "@/app/_lib/exercise";
import { Given } from "@/app/_components/given";
import { kindLabel, SummaryList } from "@/app/_components/summary";
import { WorkedSolution } from "@/app/_components/worked-solution";
import { currentActor } from "@/lib/auth/session";
import { getT } from "@/lib/i18n/server";

interface Props {
  params: Promise<{ id: string }>;
}

export function generateStaticParams(): { id: string }[] {
  return builtinTemplates().map((t) => ({ id: t.id }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const ex = shownExercise(id);
  if (!ex) return { title: "Exercise not found" };
  return { title: ex.template.title, description: ex.template.description };
}

export default async function ExercisePage({ params }: Props) {
  const { id } = await params;
  const ex = shownExercise(id);
  if (!ex) notFound();
  const { template, kind, seed, net, trace } = ex;
  const { t } = await getT();
  // A randomised template's preview variant is no student's variant; a fixed exercise may be someone's homework.
  const showSolution = kind === "random" || (await currentActor())?.role === "instructor";
  return (
    <article className="exercise">
      <p className="breadcrumb">
        <Link href="/">← All exercises</Link>
      </p>
      <p className={`badge badge-${kind}`}>{kindLabel(kind, t)}</p>
      <h1>{template.title}</h1>
      {template.title_ja ? (
        <p lang="ja" className="title-ja">
          {template.title_ja}
        </p>
      ) : null}
      {template.description ? <p className="lead">{template.description}</p> : null}
      {template.description_ja ? <p lang="ja">{template.description_ja}</p> : null}
      {kind === "random" ? (
        <p className="notice" role="note">
          <strong>Preview variant.</strong> This template draws different numbers for every student; shown here is the variant for the
          seed “{seed}”. The steps are the same for every variant, only the numbers change.
        </p>
      ) : null}
      <SummaryList summary={summarize(kind, net)} t={t} />

      <section aria-labelledby="exercise-heading">
        <h2 id="exercise-heading">The exercise</h2>
        <Given net={net} t={t} />
      </section>

      <section aria-labelledby="solution-heading">
        <h2 id="solution-heading">Worked solution</h2>
        <p className="note">
          Short exact values are shown as they are (integers, short decimals, small fractions); every other number is rounded to 4
          significant digits, trailing zeros kept. Behind the display the computation is exact (to 50 significant digits once an exponential or a logarithm is involved).
        </p>
        {showSolution ? (
          <WorkedSolution net={net} trace={trace} t={t} />
        ) : (
          <p className="notice" role="note">
            A fixed exercise has the same numbers for everyone and may be assigned in a course, so its worked solution is shown to
            instructors only. Students see it on their own exercise page after their last attempt.
          </p>
        )}
      </section>
    </article>
  );
}
