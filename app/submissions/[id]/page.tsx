// One graded attempt: each quantity's verdict, the first divergence, the wrong entries and the
// hint. Exact values appear only once the problem set's rules reveal the solution.
import Link from "next/link";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { rulesOf, solutionRevealed, submissionOf } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";
import type { Grade, GradeItem } from "@/lib/grading";
import { CATALOGUE } from "@/lib/grading/catalogue";
import { getT } from "@/lib/i18n/server";

export const metadata = { title: "Result" };

const cells = (v: GradeItem["expected"]): number[][] => (typeof v === "number" ? [[v]] : Array.isArray(v) && !Array.isArray(v[0]) ? [v as number[]] : ((v ?? []) as number[][]));

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
      <p className="lead">{t("result.score", { score: grade.score, max: grade.max_score })}</p>
      <p role="status">{grade.first_divergence ? t("result.firstDivergence", { q: grade.first_divergence }) : t("result.noDivergence")}</p>
      <p>
        <Link href={`/work/${s.variantId}`}>{t("result.back")}</Link>
      </p>
      {grade.items.map((item) => {
        const mine = answers[item.path];
        const off = item.entries;
        const hint = item.misconception ? CATALOGUE[item.misconception][locale === "ja" ? "ja" : "en"] : null;
        return (
          <article key={item.path} className={`result-item${item.path === grade.first_divergence ? " first-divergence" : ""}`} data-path={item.path} data-verdict={item.verdict}>
            <h2 style={{ fontSize: "1rem", margin: 0 }}>
              <code>{item.path}</code> <span className={`verdict verdict-${item.verdict}`}>{t(`result.verdict.${item.verdict}`)}</span>
            </h2>
            {item.verdict === "carried" ? <p>{t("result.carriedHelp")}</p> : null}
            {mine && item.verdict !== "missing" ? (
              <table className="entries" aria-label={t("work.yours")}>
                <tbody>
                  {mine.map((row, i) => (
                    <tr key={i}>
                      {row.map((c, j) => {
                        const bad = off && (off[i]?.[j] === false || (off.length === 1 && mine.length === 1 && off[0][j] === false));
                        return (
                          <td key={j} className={bad ? "off" : undefined}>
                            {c}
                            {bad ? <span aria-label="wrong"> ✗</span> : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {item.verdict === "incorrect" ? <p>{t("result.wrongEntries")}</p> : null}
            {hint ? (
              <p className="hint" data-misconception={item.misconception}>
                <strong>{item.misconception}</strong>: {hint}
              </p>
            ) : null}
            {revealed && item.expected !== undefined ? (
              <table className="entries" aria-label={t("result.expected")}>
                <tbody>
                  {cells(item.expected).map((row, i) => (
                    <tr key={i}>
                      {row.map((x, j) => (
                        <td key={j}>{Number(x.toPrecision(6))}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </article>
        );
      })}
    </>
  );
}
