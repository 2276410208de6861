// One graded attempt: each quantity's verdict, the first divergence, the wrong entries and the
// hint. Exact values appear only once the problem set's rules reveal the solution.
import Link from "next/link";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { rulesOf, solutionRevealed, submissionOf } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";
import type { Grade } from "@/lib/grading";
import { GradeItems } from "@/app/_components/grade-items";
import { QuantityName } from "@/app/_components/quantity-name";
import { isMultiStep } from "@/app/_lib/fields";
import { rich } from "@/app/_lib/rich";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("meta.result") };
}


export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/submissions/${id}`);
  const { t, locale } = await getT();
  const s = await orNotFound(submissionOf(prisma, actor, id));
  const grade = JSON.parse(s.grades[0].gradeJson) as Grade;
  const answers = JSON.parse(s.answersJson) as Record<string, string[][]>;
  const used = await prisma.submission.count({ where: { variantId: s.variantId } });
  const revealed = solutionRevealed(rulesOf(s.variant), used);
  return (
    <>
      <h1>{t("result.title", { n: s.attempt })}</h1>
      <p className="lead">
        {t("result.score", { score: grade.score, max: grade.max_score })}
        {grade.late_penalty ? ` (${t("result.late", { percent: Math.round(100 * grade.late_penalty) })})` : ""}
      </p>
      <p role="status">
        {grade.first_divergence ? (
          rich(t("result.firstDivergence", { q: "<0/>" }), [
            <QuantityName key="q" path={grade.first_divergence} multiStep={isMultiStep(grade.items.map((i) => i.path))} t={t} />,
          ])
        ) : (
          t("result.noDivergence")
        )}
      </p>
      <p>
        <Link href={`/work/${s.variantId}`}>{t("result.back")}</Link>
      </p>
      <GradeItems grade={grade} answers={answers} revealed={revealed} locale={locale} t={t} />
    </>
  );
}
