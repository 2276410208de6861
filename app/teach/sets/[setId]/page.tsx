// A problem set at a glance: where students diverge (a heat map over the computation order),
// the common misconceptions with examples, scores, each student's progress, rules and history.
import type { TFunction } from "i18next";
import Link from "next/link";
import { prisma } from "@/lib/db/client";
import { CATALOGUE } from "@/lib/grading/catalogue";
import type { Locale } from "@/lib/i18n";
import { getT } from "@/lib/i18n/server";
import { latestRegrade } from "@/lib/jobs/regrade";
import { setHistory } from "@/lib/teach/sets";
import { setStatistics, studentPage, STUDENT_SORTS, type ItemStats, type StudentSort } from "@/lib/teach/stats";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { utcIn } from "../../_guard";
import { RulesFields } from "../../_rules-fields";
import { saveRulesAction } from "../../actions";
import { JobStatus } from "../../_job-status";
import { FormRefusal } from "@/app/_components/form-refusal";
import { QuantityName } from "@/app/_components/quantity-name";
import { isMultiStep } from "@/app/_lib/fields";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("teach.set.title") };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** How many submissions a "set.regrade" history entry says were regraded. */
function regradedCount(detailJson: string): number {
  try {
    const n = (JSON.parse(detailJson) as { submissions?: unknown }).submissions;
    return typeof n === "number" ? n : 0;
  } catch {
    return 0;
  }
}

export default async function SetPage({ params, searchParams }: { params: Promise<{ setId: string }>; searchParams: Promise<{ error?: string; fields?: string; sort?: string; page?: string }> }) {
  const { setId } = await params;
  const sp = await searchParams;
  const actor = await requireActor(`/teach/sets/${setId}`);
  // The course's staff see the set (lib/teach/access.ts); only its instructors get the rules form.
  const { set, enrolled, items, students } = await orNotFound(setStatistics(prisma, actor, setId));
  const teaches = set.access === "instructor";
  const [history, regrade] = await Promise.all([setHistory(prisma, actor, setId), latestRegrade(prisma, setId)]);
  const { t, locale } = await getT();
  const date = utcIn(locale);
  const table = studentPage(students, sp.sort, sp.page);
  const tableUrl = (sort: StudentSort, page: number) => `/teach/sets/${setId}?sort=${sort}&page=${page}#students`;

  const saveRules = saveRulesAction.bind(null, setId);

  return (
    <>
      <p>
        <Link href={`/teach/courses/${set.courseId}`}>{t("teach.set.backToCourse")}</Link>
      </p>
      <h1>{set.title}</h1>
      <p>
        {t("teach.set.summary", {
          enrolled,
          opens: date(set.opensAt),
          due: date(set.dueAt),
          attempts: set.attemptsAllowed,
          credit: set.carriedCredit,
          late: set.latePolicy === "accept" ? t("teach.set.lateAccepted", { percent: Math.round(100 * set.latePenalty) }) : t("teach.set.lateRefused"),
        })}
      </p>
      <JobStatus job={regrade} t={t} />
      {items.map((item) => (
        <ItemSection key={item.id} item={item} t={t} locale={locale} />
      ))}
      <h2 id="students">{t("teach.set.students")}</h2>
      <nav aria-label={t("teach.set.sortLabel")} className="table-controls">
        {t("teach.set.sortBy")}{" "}
        {STUDENT_SORTS.map((sort) => (
          <Link key={sort} href={tableUrl(sort, 1)} aria-current={sort === table.sort ? "true" : undefined}>
            {t(`teach.set.sort.${sort}`)}
          </Link>
        ))}
      </nav>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("teach.set.student")}</th>
            {items.map((i, k) => (
              <th scope="col" key={i.id}>
                {k + 1}. {i.title.slice(0, 24)}
              </th>
            ))}
            <th scope="col">{t("teach.set.total")}</th>
            <th scope="col">{t("teach.set.attempts")}</th>
            <th scope="col">{t("teach.set.time")}</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((s) => (
            <tr key={s.userId}>
              <th scope="row">{s.name}</th>
              {s.perItem.map((p, k) => (
                <td key={k}>{p ? <Link href={`/teach/variants/${p.variantId}`}>{`${p.best} / ${p.max}`}</Link> : "—"}</td>
              ))}
              <td>
                {s.score} / {s.maxScore}
              </td>
              <td>{s.attempts}</td>
              <td>{t("teach.set.minutes", { n: s.minutes })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {table.pages > 1 ? (
        <nav aria-label={t("teach.set.pagesLabel")} className="table-controls">
          {table.page > 1 ? <Link href={tableUrl(table.sort, table.page - 1)}>{t("teach.set.previous")}</Link> : null}
          <span>
            {t("teach.set.pageOf", { page: table.page, pages: table.pages, total: table.total })}
          </span>
          {table.page < table.pages ? <Link href={tableUrl(table.sort, table.page + 1)}>{t("teach.set.next")}</Link> : null}
        </nav>
      ) : null}
      <h2 id="rules">{t("teach.set.rules")}</h2>
      <FormRefusal error={sp.error} fields={sp.fields} page={`/teach/sets/${setId}`} session={actor} />
      {teaches ? (
        <>
          <p>{t("teach.set.rulesNote")}</p>
          <form action={saveRules} className="stack-form">
            <RulesFields rules={set} t={t} />
            <button type="submit" className="button">
              {t("teach.set.saveRules")}
            </button>
          </form>
        </>
      ) : (
        <p data-testid="rules-read-only">{t("teach.staff.rulesReadOnly")}</p>
      )}
      <h2>{t("teach.set.templates")}</h2>
      <ul>
        {set.items.map((i) => (
          <li key={i.id}>
            <a href={`/teach/items/${i.id}/template.json`} download>
              {t("teach.set.templateFile", { title: i.title })}
            </a>
          </li>
        ))}
      </ul>
      <h2>{t("teach.set.history")}</h2>
      <ol>
        {history.map((e) => (
          <li key={e.id}>
            {date(e.createdAt)} — {e.actor.name}: <code>{e.action}</code> {e.action === "set.regrade" ? <>{t("teach.set.regraded", { n: regradedCount(e.detailJson) })} </> : null}
            <small>{e.detailJson.slice(0, 300)}</small>
          </li>
        ))}
      </ol>
    </>
  );
}

/** One exercise: completion, score distribution, the divergence heat map and the misconceptions. */
function ItemSection({ item, t, locale }: { item: ItemStats; t: TFunction; locale: Locale }) {
  const top = Math.max(1, ...item.histogram);
  const multiStep = isMultiStep(item.quantities.map((q) => q.path));
  return (
    <section aria-labelledby={`item-${item.id}`}>
      <h2 id={`item-${item.id}`}>{item.title}</h2>
      <p>
        {item.meanScore !== null
          ? t("teach.stats.submittedMean", { submitted: item.submitted, share: pct(item.completion), mean: pct(item.meanScore) })
          : t("teach.stats.submitted", { submitted: item.submitted, share: pct(item.completion) })}
      </p>
      <svg viewBox="0 0 220 70" width="220" height="70" role="img" aria-label={t("teach.stats.distribution", { bins: item.histogram.map((n, k) => `${k * 10}–${k * 10 + 10}%: ${n}`).join(", ") })}>
        {item.histogram.map((n, k) => (
          <rect key={k} x={k * 22 + 1} y={60 - (50 * n) / top} width={20} height={(50 * n) / top} fill="#1f4e8c" />
        ))}
        <text x="0" y="69" fontSize="8">0%</text>
        <text x="196" y="69" fontSize="8">100%</text>
      </svg>
      {item.quantities.length ? (
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
                    <QuantityName path={q.path} multiStep={multiStep} t={t} pathTooltip />
                  </th>
                  <td style={{ background: `rgba(180, 35, 24, ${Math.min(0.85, q.firstDivergence)})`, color: q.firstDivergence > 0.45 ? "#fff" : undefined }}>{pct(q.firstDivergence)}</td>
                  <td>{pct(q.correct)}</td>
                  <td>{pct(q.carried)}</td>
                  <td>{pct(q.incorrect)}</td>
                  <td>{pct(q.missing)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {item.misconceptions.length ? (
        <>
          <h3>{t("teach.stats.mistakes")}</h3>
          <ul>
            {item.misconceptions.slice(0, 5).map((m) => (
              <li key={m.id}>
                <strong data-misconception={m.id}>{CATALOGUE[m.id as keyof typeof CATALOGUE]?.name[locale] ?? m.id}</strong> ×{m.count}: {CATALOGUE[m.id as keyof typeof CATALOGUE]?.did[locale]} — {t("teach.stats.forExample")}{" "}
                {m.examples.map((ex, k) => (
                  <span key={k}>
                    {k ? ", " : ""}
                    <Link href={`/teach/variants/${ex.variantId}`}>{ex.name}</Link>
                    {t("teach.stats.at")}
                    <QuantityName path={ex.path} multiStep={multiStep} t={t} pathTooltip />
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
