// The statistics of a problem set, per exercise: its maximum, a score-distribution chart (an SVG
// drawn on the server, with a table for screen readers), where students first diverge (the heat
// map), and the students grouped by their first mistake, named in the reader's language, with a
// few of them to drill into. And the set's history, as sentences.
import type { TFunction } from "i18next";
import Link from "next/link";
import { CATALOGUE, misconceptionIn, type MisconceptionId } from "@/lib/grading/catalogue";
import { formatUtc, type Locale } from "@/lib/i18n";
import { formatInZone } from "@/lib/time";
import { historyLines, type HistoryEvent } from "@/lib/teach/history";
import type { Example, ItemStats } from "@/lib/teach/stats";
import { QuantityName } from "@/app/_components/quantity-name";
import { isMultiStep } from "@/app/_lib/fields";

const pct = (x: number) => `${Math.round(100 * x)}%`;
const known = (id: string): id is MisconceptionId => Object.hasOwn(CATALOGUE, id);

/** The chart's geometry: ten bars of one tenth each, a left margin for the count axis, a bottom one for the score axis. */
const CHART = { width: 420, height: 190, left: 40, bottom: 40, top: 16, bar: 34, gap: 3 };

/** Round numbers for the count axis: 0, the top, and its half when that is whole. */
function countTicks(top: number): number[] {
  return [...new Set([0, top % 2 === 0 ? top / 2 : Math.ceil(top / 2), top])];
}

/** Students per tenth of the maximum score, as a bar chart with labelled axes and a count above each bar. */
export function ScoreChart({ item, t }: { item: ItemStats; t: TFunction }) {
  const top = Math.max(1, ...item.histogram);
  const plotH = CHART.height - CHART.top - CHART.bottom;
  const y = (n: number) => CHART.top + plotH - (plotH * n) / top;
  const titleId = `chart-${item.id}`;
  const bins = item.histogram.map((n, k) => ({ label: `${k * 10}–${k * 10 + 10}%`, n }));
  return (
    <figure className="score-chart" data-testid="score-chart">
      <svg viewBox={`0 0 ${CHART.width} ${CHART.height}`} width={CHART.width} height={CHART.height} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{t("teach.stats.distribution", { bins: bins.map((b) => `${b.label}: ${b.n}`).join(", ") })}</title>
        {countTicks(top).map((n) => (
          <g key={n}>
            <line x1={CHART.left - 4} x2={CHART.width - 4} y1={y(n)} y2={y(n)} stroke="#ccc" strokeWidth={0.5} />
            <text x={CHART.left - 6} y={y(n) + 3} fontSize="9" textAnchor="end">
              {n}
            </text>
          </g>
        ))}
        {bins.map((b, k) => {
          const x = CHART.left + k * (CHART.bar + CHART.gap);
          return (
            <g key={k} data-bin={k} data-count={b.n}>
              <rect x={x} y={y(b.n)} width={CHART.bar} height={CHART.top + plotH - y(b.n)} fill="#1f4e8c" />
              {b.n ? (
                <text x={x + CHART.bar / 2} y={y(b.n) - 3} fontSize="9" textAnchor="middle">
                  {b.n}
                </text>
              ) : null}
              <text x={x + CHART.bar / 2} y={CHART.top + plotH + 11} fontSize="8" textAnchor="middle">
                {k * 10}
              </text>
            </g>
          );
        })}
        <text x={CHART.left + 10 * (CHART.bar + CHART.gap) - CHART.gap} y={CHART.top + plotH + 11} fontSize="8" textAnchor="middle">
          100
        </text>
        <line x1={CHART.left - 2} x2={CHART.width - 4} y1={CHART.top + plotH} y2={CHART.top + plotH} stroke="#333" />
        <line x1={CHART.left - 2} x2={CHART.left - 2} y1={CHART.top} y2={CHART.top + plotH} stroke="#333" />
        <text x={CHART.left + (CHART.width - CHART.left) / 2} y={CHART.height - 6} fontSize="10" textAnchor="middle">
          {t("teach.stats.axisX")}
        </text>
        <text x={10} y={CHART.top + plotH / 2} fontSize="10" textAnchor="middle" transform={`rotate(-90 10 ${CHART.top + plotH / 2})`}>
          {t("teach.stats.axisY")}
        </text>
      </svg>
      <table className="visually-hidden">
        <caption>{t("teach.stats.chartTitle", { title: item.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("teach.stats.bin")}</th>
            <th scope="col">{t("teach.stats.students")}</th>
          </tr>
        </thead>
        <tbody>
          {bins.map((b) => (
            <tr key={b.label}>
              <th scope="row">{b.label}</th>
              <td>{b.n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** A few students of a group, one link each, to their exercise. */
function Examples({ examples, t }: { examples: Example[]; t: TFunction }) {
  if (!examples.length) return null;
  return (
    <>
      {" "}
      — {t("teach.stats.forExample")}{" "}
      {examples.map((ex, k) => (
        <span key={ex.variantId}>
          {k ? ", " : ""}
          <Link href={`/teach/variants/${ex.variantId}`}>{ex.name}</Link>
        </span>
      ))}
    </>
  );
}

/** Students grouped by their first divergence: by the misconception it names, else by where it is. */
function FirstMistakes({ item, t, locale, multiStep }: { item: ItemStats; t: TFunction; locale: Locale; multiStep: boolean }) {
  if (!item.misconceptions.length && !item.unexplained.length) return null;
  return (
    <>
      <h3>{t("teach.stats.studentMistakes")}</h3>
      <p className="note">{t("teach.stats.studentMistakesNote")}</p>
      {item.misconceptions.length ? (
        <ul data-testid="mistakes">
          {item.misconceptions.map((m) => (
            <li key={m.id} data-misconception={m.id} data-students={m.count}>
              <strong>{known(m.id) ? misconceptionIn(m.id, locale, item.layout).name : m.id}</strong>: {t("teach.stats.studentCount", { count: m.count, share: pct(m.share) })}
              {known(m.id) ? <> · {misconceptionIn(m.id, locale, item.layout).did}</> : null}
              <Examples examples={m.examples} t={t} />
            </li>
          ))}
        </ul>
      ) : null}
      {item.unexplained.length ? (
        <>
          <h4>{t("teach.stats.unexplained")}</h4>
          <ul data-testid="unexplained">
            {item.unexplained.map((u) => (
              <li key={u.path} data-path={u.path} data-students={u.count}>
                <QuantityName path={u.path} multiStep={multiStep} t={t} pathTooltip layout={item.layout} />, {t("teach.stats.noPattern")}: {t("teach.stats.studentCount", { count: u.count, share: pct(u.share) })}
                <Examples examples={u.examples} t={t} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** Where students diverge, quantity by quantity in computation order (share of those who submitted). */
function Heatmap({ item, t, multiStep }: { item: ItemStats; t: TFunction; multiStep: boolean }) {
  if (!item.quantities.length) return null;
  return (
    <div className="grid-scroll" tabIndex={0} role="region" aria-label={t("teach.stats.divergeRegion", { title: item.title })}>
      <table className="data-table heatmap" data-testid="heatmap">
        <caption>{t("teach.stats.divergeCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("teach.stats.quantity")}</th>
            <th scope="col">{t("teach.stats.firstDivergence")}</th>
            <th scope="col">{t("teach.stats.correct")}</th>
            <th scope="col">{t("teach.stats.carried")}</th>
            <th scope="col">{t("teach.stats.incorrect")}</th>
            <th scope="col">{t("teach.stats.missing")}</th>
          </tr>
        </thead>
        <tbody>
          {item.quantities.map((q) => (
            <tr key={q.path} data-path={q.path}>
              <th scope="row">
                <QuantityName path={q.path} multiStep={multiStep} t={t} pathTooltip layout={item.layout} />
              </th>
              <td style={heat(q.firstDivergence)}>{pct(q.firstDivergence)}</td>
              <td>{pct(q.correct)}</td>
              <td>{pct(q.carried)}</td>
              <td>{pct(q.incorrect)}</td>
              <td>{pct(q.missing)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A heat-map cell's colours for a share (0..1): red mixed into white, opaque (the same in dark mode),
 * with dark text up to half the class and white text above. The two bands skip the reds on which
 * neither dark nor white text reaches WCAG AA's 4.5:1 (mixes of 70 to 80% red).
 */
function heat(share: number): { background: string; color: string } {
  const a = share <= 0.5 ? share * 1.4 : 0.8 + (Math.min(share, 1) - 0.5) * 0.3;
  const mix = (c: number) => Math.round(255 - (255 - c) * a);
  return { background: `rgb(${mix(180)}, ${mix(35)}, ${mix(24)})`, color: share <= 0.5 ? "#1a1a1a" : "#fff" };
}

/** One exercise: its maximum, completion, the score chart, the heat map and the students' first mistakes. */
export function ItemSection({ item, t, locale }: { item: ItemStats; t: TFunction; locale: Locale }) {
  const multiStep = isMultiStep(item.quantities.map((q) => q.path));
  return (
    <section aria-labelledby={`item-${item.id}`} data-testid="item-stats">
      <h2 id={`item-${item.id}`}>{item.title}</h2>
      {item.fixed ? (
        <p className="note" data-fixed-note={item.id}>
          {t("teach.set.fixedItem")}
        </p>
      ) : null}
      <p>
        {t("teach.stats.maxScore", { count: item.maxScore })} ·{" "}
        {item.meanScore !== null
          ? t("teach.stats.submittedMean", { submitted: item.submitted, share: pct(item.completion), mean: pct(item.meanScore) })
          : t("teach.stats.submitted", { submitted: item.submitted, share: pct(item.completion) })}
      </p>
      {item.submitted ? <ScoreChart item={item} t={t} /> : <p>{t("teach.stats.noSubmissions")}</p>}
      <Heatmap item={item} t={t} multiStep={multiStep} />
      <FirstMistakes item={item} t={t} locale={locale} multiStep={multiStep} />
    </section>
  );
}

/** The set's history, newest first, each event a dated sentence. */
export function SetHistory({ events, t, locale, zone = "UTC" }: { events: readonly HistoryEvent[]; t: TFunction; locale: Locale; zone?: string }) {
  return (
    <ol data-testid="set-history">
      {historyLines(events, t, locale, zone).map((line) => (
        <li key={line.id}>
          <time dateTime={line.at.toISOString()}>{zone === "UTC" ? formatUtc(line.at, locale) : formatInZone(line.at, locale, zone)}</time> — {line.text}
        </li>
      ))}
    </ol>
  );
}
