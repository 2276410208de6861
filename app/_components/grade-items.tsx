// A graded attempt, quantity by quantity: verdict and points, the student's entries with the wrong
// ones marked and explained, the misconception's hint, and, once the rules reveal them, the exact
// values beside the student's own and the worked solution's step beside both. Callers pass the
// grade through gradeFor() (lib/course/reveal.ts), which keeps exact values only once revealed.
// Column-layout exercises show per-sample quantities and biases transposed (one column per sample).
import type { TFunction } from "i18next";
import type { Grade, GradeItem } from "@/lib/grading";
import { misconceptionIn } from "@/lib/grading/catalogue";
import type { EntryExplanation as Explanation } from "@/lib/grading/explain-entry";
import type { RevealMoment } from "@/lib/course/reveal";
import { refOfPath } from "@/lib/exercises/quantities";
import type { Layout } from "@/lib/nn/types";
import { asLocale } from "@/lib/i18n";
import { isMultiStep, transposedIn } from "@/app/_lib/fields";
import { toShown } from "@/app/_lib/grid";
import { showsNothingKey, type ShowsNothing as Why } from "@/lib/grading/carried-credit";
import { rich } from "@/app/_lib/rich";
import { QuantityName } from "./quantity-name";
import { EntryExplanation } from "./entry-explanation";
import { Tex } from "./tex";

/** The id of a quantity's card, so that "First divergence: Δ¹" can link to it (`prefix` tells apart
 *  the cards of several attempts on one page). */
export const cardId = (path: string, prefix = "") => `${prefix}q-${path.replace(/[^\w]+/g, "-")}`;

const cells = (v: GradeItem["expected"]): number[][] => (typeof v === "number" ? [[v]] : Array.isArray(v) && !Array.isArray(v[0]) ? [v as number[]] : ((v ?? []) as number[][]));

/** Why a value earned nothing although the tolerance might have accepted it (the gaming guard), in the reader's language. */
function ShowsNothing({ why, path, multiStep, t, layout }: { why: Why; path: string; multiStep: boolean; t: TFunction; layout: Layout }) {
  // Grades stored before the rule of collapses carry another shape: say only that the step shows nothing.
  if (!Array.isArray(why.from)) return <p className="hint" data-reason="trivial_carry">{t("result.trivial.legacy")}</p>;
  const names = why.from.map((p) => <QuantityName key={p} path={p} multiStep={multiStep} t={t} layout={layout} />);
  const list = names.flatMap((n, i) => (i === 0 ? [n] : [<span key={`sep${i}`}>, </span>, n]));
  return (
    <p className="hint" data-reason={why.from.length === 0 ? "collapsed" : "trivial_carry"}>
      {rich(t(showsNothingKey(why, refOfPath(path)?.quantity), { q: "<0/>" }), [<span key="q">{list}</span>])}
    </p>
  );
}

/** Whether the shown cell (i, j) is marked off. A flat quantity's marks are one row, however it is shown. */
function isOff(off: boolean[][] | undefined, i: number, j: number): boolean {
  return !!off && off[i]?.[j] === false;
}

/** The student's entries as the exercise shows them, wrong ones marked ✗. */
function MineTable({ mine, off, t }: { mine: string[][]; off?: boolean[][]; t: TFunction }) {
  return (
    <div className="result-side" data-side="yours">
      <table className="entries">
        <caption>{t("result.yours")}</caption>
        <tbody>
          {mine.map((row, i) => (
            <tr key={i}>
              {row.map((c, j) => {
                const bad = isOff(off, i, j);
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
    </div>
  );
}

function ExactTable({ exact, t }: { exact: number[][]; t: TFunction }) {
  return (
    <div className="result-side" data-side="exact">
      <table className="entries">
        <caption>{t("result.exact")}</caption>
        <tbody>
          {exact.map((row, i) => (
            <tr key={i}>
              {row.map((x, j) => (
                <td key={j}>{Number(x.toPrecision(6))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface GradeItemsProps {
  grade: Grade;
  answers: Record<string, string[][]>;
  locale: string;
  t: TFunction;
  layout?: Layout;
  /** Each wrong entry explained, by quantity path (lib/course/explanations.ts). */
  explanations?: Record<string, Explanation[]>;
  /** When the solution will show, for explanations whose result waits for it. */
  moment?: RevealMoment;
  /** Put before each card's id where one page shows several graded attempts (ids stay unique). */
  idPrefix?: string;
  /** The worked solution's step per quantity path (TeX), once revealed. */
  formulas?: Record<string, string>;
}

export function GradeItems({ grade, answers, locale, t, layout = "row", explanations = {}, moment, formulas = {}, idPrefix = "" }: GradeItemsProps) {
  const multiStep = isMultiStep(grade.items.map((i) => i.path));
  const lang = asLocale(locale);
  return (
    <>
      {grade.items.map((item) => {
        const ref = refOfPath(item.path);
        const flip = !!ref && transposedIn(layout, ref.quantity);
        const mine = answers[item.path];
        // Named and explained in the exercise's notation (column layout: z, x, δ, ŷ − t).
        const hint = item.misconception ? misconceptionIn(item.misconception, lang, layout) : null;
        const explained = explanations[item.path] ?? [];
        const formula = formulas[item.path];
        return (
          <article key={item.path} id={cardId(item.path, idPrefix)} tabIndex={-1} className={`result-item${item.path === grade.first_divergence ? " first-divergence" : ""}`} data-path={item.path} data-verdict={item.verdict}>
            <h2 className="result-head">
              <QuantityName path={item.path} multiStep={multiStep} t={t} layout={layout} /> <span className={`verdict verdict-${item.verdict}`}>{t(`result.verdict.${item.verdict}`)}</span>{" "}
              <span className="result-points">{t("result.points", { points: item.points, count: item.max_points })}</span>
            </h2>
            {item.verdict === "carried" ? <p>{t("result.carriedHelp")}</p> : null}
            <div className={`result-body${formula ? " with-solution" : ""}`}>
              <div className="result-sides">
                {mine && item.verdict !== "missing" ? <MineTable mine={toShown(mine, flip)} off={item.entries && toShown(item.entries, flip)} t={t} /> : null}
                {item.expected !== undefined ? <ExactTable exact={toShown(cells(item.expected), flip)} t={t} /> : null}
              </div>
              {formula ? (
                <div className="result-solution">
                  <h3>{t("result.workedStep")}</h3>
                  <Tex display tex={formula} output="mathml" />
                </div>
              ) : null}
            </div>
            {item.verdict === "incorrect" ? <p>{t("result.wrongEntries")}</p> : null}
            {hint ? (
              <p className="hint" data-misconception={item.misconception}>
                <strong>{hint.name}</strong>: {hint.hint}
              </p>
            ) : null}
            {item.shows_nothing ? <ShowsNothing why={item.shows_nothing} path={item.path} multiStep={multiStep} t={t} layout={layout} /> : null}
            {explained.length ? (
              <div className="explanations">
                {explained.map((e) => (
                  <EntryExplanation key={`${e.row},${e.col}`} e={e} moment={moment} t={t} />
                ))}
              </div>
            ) : null}
          </article>
        );
      })}
    </>
  );
}
