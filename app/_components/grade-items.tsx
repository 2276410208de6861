// A graded attempt, quantity by quantity: verdict, the student's entries with the wrong ones
// marked, the misconception's hint, and the exact values the grade carries: callers pass it
// through gradeFor() (lib/course/reveal.ts), which keeps them only once the rules reveal them.
import type { TFunction } from "i18next";
import type { Grade, GradeItem } from "@/lib/grading";
import { CATALOGUE } from "@/lib/grading/catalogue";
import { asLocale } from "@/lib/i18n";
import { isMultiStep } from "@/app/_lib/fields";
import type { TrivialCarry } from "@/lib/grading/trivial";
import { rich } from "@/app/_lib/rich";
import { QuantityName } from "./quantity-name";

const cells = (v: GradeItem["expected"]): number[][] => (typeof v === "number" ? [[v]] : Array.isArray(v) && !Array.isArray(v[0]) ? [v as number[]] : ((v ?? []) as number[][]));

/** Why a value right from the student's own numbers earned nothing (the gaming guard), in the reader's language. */
function ShowsNothing({ why, multiStep, t }: { why: TrivialCarry; multiStep: boolean; t: TFunction }) {
  if (why.kind === "copy") return <p className="hint" data-reason="trivial_carry">{t(why.of === "loss" ? "result.trivial.copyLoss" : "result.trivial.copyParameters")}</p>;
  const names = why.inputs.map((p) => <QuantityName key={p} path={p} multiStep={multiStep} t={t} />);
  const list = names.flatMap((n, i) => (i === 0 ? [n] : [<span key={`sep${i}`}>, </span>, n]));
  return (
    <p className="hint" data-reason="trivial_carry">
      {rich(t("result.trivial.zero", { q: "<0/>" }), [<span key="q">{list}</span>])}
    </p>
  );
}

export function GradeItems({ grade, answers, locale, t }: { grade: Grade; answers: Record<string, string[][]>; locale: string; t: TFunction }) {
  const multiStep = isMultiStep(grade.items.map((i) => i.path));
  return (
    <>
      {grade.items.map((item) => {
        const mine = answers[item.path];
        const off = item.entries;
        const lang = asLocale(locale);
        const hint = item.misconception ? CATALOGUE[item.misconception][lang] : null;
        return (
          <article key={item.path} className={`result-item${item.path === grade.first_divergence ? " first-divergence" : ""}`} data-path={item.path} data-verdict={item.verdict}>
            <h2 style={{ fontSize: "1rem", margin: 0 }}>
              <QuantityName path={item.path} multiStep={multiStep} t={t} />{" "}
              <span className={`verdict verdict-${item.verdict}`}>{t(`result.verdict.${item.verdict}`)}</span>
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
                            {bad ? <span aria-label={t("result.wrongMark")}> ✗</span> : null}
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
                <strong>{CATALOGUE[item.misconception!].name[lang]}</strong>: {hint}
              </p>
            ) : null}
            {item.shows_nothing ? <ShowsNothing why={item.shows_nothing} multiStep={multiStep} t={t} /> : null}
            {item.expected !== undefined ? (
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
