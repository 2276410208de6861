// One graded attempt: each quantity's verdict, the first divergence, the wrong entries and the
// hint. Exact values appear only once the problem set's rules reveal the solution.
import { plainName } from "@/lib/grading/names";
import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { attemptView, revealMoment, type RevealMoment } from "@/lib/course/reveal";
import { rulesOf } from "@/lib/course/rules";
import { resultExtras } from "@/app/_lib/result-extras";
import { prisma } from "@/lib/db/client";
import { cardId, GradeItems } from "@/app/_components/grade-items";
import { QuantityName } from "@/app/_components/quantity-name";
import { isMultiStep } from "@/app/_lib/fields";
import { rich } from "@/app/_lib/rich";
import { getT } from "@/app/_lib/i18n.server";
import type { TFunction } from "i18next";
import type { Grade } from "@/lib/grading";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("meta.result") };
}


/** With no incorrect step: nothing submitted, some steps left out, or every step right. */
function noDivergence(grade: Grade, t: TFunction): string {
  const missing = grade.items.filter((i) => i.verdict === "missing").length;
  if (missing === grade.items.length) return t("result.nothingSubmitted");
  return missing > 0 ? t("result.noDivergenceMissing", { count: missing }) : t("result.noDivergence");
}

/** When this attempt's solution shows: practice after the first attempt (never for a fixed built-in's), a set by its rule. */
function momentOf(variant: Parameters<typeof rulesOf>[0], revealed: boolean): RevealMoment {
  if (variant.practice) return revealed ? "first_attempt" : "never";
  return revealMoment(rulesOf(variant));
}

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/submissions/${id}`);
  const { t, locale } = await getT();
  const { submission: s, grade, revealed } = await orNotFound(attemptView(prisma, actor, id));
  if (!grade) notFound();
  const answers = JSON.parse(s.answersJson) as Record<string, string[][]>;
  const extras = await resultExtras(s.variant.exerciseJson, s.answersJson, grade, revealed);
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
            <a key="q" href={`#${cardId(grade.first_divergence)}`} data-testid="first-divergence-link" aria-label={t("result.goToCard", { name: plainName(grade.first_divergence, extras.layout) })}>
              <QuantityName path={grade.first_divergence} multiStep={isMultiStep(grade.items.map((i) => i.path))} t={t} layout={extras.layout} />
            </a>,
          ])
        ) : (
          noDivergence(grade, t)
        )}
      </p>
      <p>
        <Link href={`/work/${s.variantId}`}>{t("result.back")}</Link>
      </p>
      <GradeItems grade={grade} answers={answers} locale={locale} t={t} {...extras} moment={momentOf(s.variant, revealed)} />
    </>
  );
}
