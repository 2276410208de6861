// A graded attempt, quantity by quantity: verdict, the student's entries with the wrong ones
// marked, the misconception's hint, and the exact values once the rules reveal them.
import type { TFunction } from "i18next";
import type { Grade, GradeItem } from "@/lib/grading";
import { CATALOGUE } from "@/lib/grading/catalogue";
import { asLocale } from "@/lib/i18n";
import { isMultiStep } from "@/app/_lib/fields";
import { QuantityName } from "./quantity-name";

const cells = (v: GradeItem["expected"]): number[][] => (typeof v === "number" ? [[v]] : Array.isArray(v) && !Array.isArray(v[0]) ? [v as number[]] : ((v ?? []) as number[][]));

export function GradeItems({ grade, answers, revealed, locale, t }: { grade: Grade; answers: Record<string, string[][]>; revealed: boolean; locale: string; t: TFunction }) {
  const multiStep = isMultiStep(grade.items.map((i) => i.path));
  return (
    <>
      {grade.items.map((item) => {
        const mine = answers[item.path];
        const off = item.entries;
        const hint = item.misconception ? CATALOGUE[item.misconception][asLocale(locale)] : null;
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
