// Drill-down: one student's attempts on one exercise, graded item by item, with exact values.
import Link from "next/link";
import { prisma } from "@/lib/db/client";
import type { Grade } from "@/lib/grading";
import { getT } from "@/app/_lib/i18n.server";
import { gradeFor, mayReveal } from "@/lib/course/reveal";
import { variantForInstructor } from "@/lib/teach/stats";
import { GradeItems } from "@/app/_components/grade-items";
import { resultExtras } from "@/app/_lib/result-extras";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { dateIn } from "../../_guard";
import { zoneOfCourse } from "@/lib/teach/courses";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("teach.variant.title") };
}

export default async function VariantDrillDown({ params }: { params: Promise<{ variantId: string }> }) {
  const { variantId } = await params;
  // The course's staff, instructors and TAs alike (variantForInstructor checks).
  const actor = await requireActor(`/teach/variants/${variantId}`);
  const { t, locale } = await getT();
  const v = await orNotFound(variantForInstructor(prisma, actor, variantId));
  const revealed = await mayReveal(prisma, actor, v);
  // In the course's zone; a course in UTC keeps the ISO form "2026-12-01 09:00 UTC" in English.
  const date = dateIn(locale, await zoneOfCourse(prisma, v.item?.problemSet.courseId ?? ""));
  // Staff see every explanation whole (mayReveal is true for the course's staff).
  const graded = await Promise.all(
    v.submissions.map(async (s) => {
      if (!s.grades[0]) return null;
      const grade = gradeFor(JSON.parse(s.grades[0].gradeJson) as Grade, revealed);
      return { grade, extras: await resultExtras(v.exerciseJson, s.answersJson, grade, revealed) };
    }),
  );
  return (
    <>
      <p>
        <Link href={`/teach/sets/${v.item!.problemSetId}`}>← {v.item!.problemSet.title}</Link>
      </p>
      <h1>
        {v.user.name}
        {v.studentNumber ? ` (${v.studentNumber})` : ""}: {v.item!.title}
      </h1>
      <p className="note" data-testid="variant-student">
        {v.user.email}
      </p>
      {v.submissions.map((s, k) => (
        <section key={s.id} aria-labelledby={`attempt-${s.id}`}>
          <h2 id={`attempt-${s.id}`}>
            {t("teach.variant.attempt", { n: s.attempt, date: date(s.createdAt), score: s.grades[0] ? `${s.grades[0].score} / ${s.grades[0].maxScore}` : "" })}
          </h2>
          {graded[k] ? <GradeItems grade={graded[k].grade} answers={JSON.parse(s.answersJson) as Record<string, string[][]>} locale={locale} t={t} {...graded[k].extras} idPrefix={`a${s.attempt}-`} /> : null}
        </section>
      ))}
    </>
  );
}
