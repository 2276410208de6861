// A problem set at a glance: where students diverge (a heat map over the computation order),
// the common misconceptions with examples, scores, each student's progress, rules and history.
import Link from "next/link";
import { prisma } from "@/lib/db/client";
import { getT } from "@/app/_lib/i18n.server";
import { latestRegrade } from "@/lib/teach/regrade";
import { latestPaper } from "@/lib/teach/paper";
import { PaperWork } from "./_paper";
import { setHistory } from "@/lib/teach/sets";
import { setStatistics, studentPage, STUDENT_SORTS, type StudentSort } from "@/lib/teach/stats";
import { orNotFound, requireActor } from "@/app/_lib/guard";
import { dateIn } from "../../_guard";
import { RulesFields } from "../../_rules-fields";
import { saveRulesAction } from "../../actions";
import { JobStatus } from "../../_job-status";
import { SetLife } from "./_life";
import { FormRefusal, takeTyped } from "@/app/_components/form-refusal";
import { ItemSection, SetHistory } from "./_stats";
import { Exceptions } from "./_exceptions";
import { setAdjustments } from "@/lib/teach/exceptions";
import { zoneOfCourse } from "@/lib/teach/courses";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("teach.set.title") };
}

export default async function SetPage({ params, searchParams }: { params: Promise<{ setId: string }>; searchParams: Promise<{ error?: string; fields?: string; sort?: string; page?: string; on?: string }> }) {
  const { setId } = await params;
  const sp = await searchParams;
  const actor = await requireActor(`/teach/sets/${setId}`);
  // The course's staff see the set (lib/access.ts); only its instructors get the rules form.
  const { set, enrolled, items, students } = await orNotFound(setStatistics(prisma, actor, setId));
  const teaches = set.access === "instructor";
  const [history, regrade, adjustments, typed, paper] = await Promise.all([
    setHistory(prisma, actor, setId),
    latestRegrade(prisma, setId),
    setAdjustments(prisma, actor, setId),
    takeTyped(`/teach/sets/${setId}`, actor),
    latestPaper(prisma, setId),
  ]);
  // A refused exception form comes back with ?on=exceptions: its message shows in that section,
  // the form filled as it was typed (a refused rules form likewise, with ?on=rules).
  const refusedHere = sp.on === "exceptions";
  const rulesRefused = sp.on === "rules";
  const invalidRules = rulesRefused && typeof sp.fields === "string" ? sp.fields.split(",") : [];
  const { t, locale } = await getT();
  const zone = await zoneOfCourse(prisma, set.courseId);
  const date = dateIn(locale, zone);
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
          // Each count by its language's plural rule: "1 student enrolled", "3 attempts".
          students: t("teach.set.enrolledCount", { count: enrolled }),
          opens: date(set.opensAt),
          due: date(set.dueAt),
          attemptsText: t("teach.set.attemptsCount", { count: set.attemptsAllowed }),
          credit: set.carriedCredit,
          late:
            set.latePolicy !== "accept"
              ? t("teach.set.lateRefused")
              : set.lateUntil
                ? t("teach.set.lateAcceptedUntil", { percent: Math.round(100 * set.latePenalty), until: date(set.lateUntil) })
                : t("teach.set.lateAccepted", { percent: Math.round(100 * set.latePenalty) }),
        })}
      </p>
      {set.status === "draft" ? (
        // A new set from the template builder lands here as a draft: say so before anything else.
        <p className="notice" role="status" data-testid="draft-notice">
          {t("teach.set.draftNotice")} {teaches ? <a href="#life">{t("teach.set.draftPublish")}</a> : null}
        </p>
      ) : null}
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
              <th scope="row">
                {s.label}
                {s.removed ? <small> ({t("teach.stats.removed")})</small> : null}
                {s.exception ? <small className="note"> {t("teach.stats.exception", { due: s.exception.dueAt ? date(s.exception.dueAt) : "—", count: s.exception.extraAttempts })}</small> : null}
              </th>
              {s.perItem.map((p, k) => (
                <td key={k}>
                  {p ? p.variantId ? <Link href={`/teach/variants/${p.variantId}`}>{`${p.best} / ${p.max}`}</Link> : `${p.best} / ${p.max}` : <span className="note">{t("teach.stats.notSubmitted")}</span>}
                  {p?.manual ? <small title={p.manual}> ({t("teach.stats.manual")})</small> : null}
                </td>
              ))}
              <td>{s.done ? `${s.score} / ${s.maxScore}` : <span className="note">{t("teach.stats.notSubmitted")}</span>}</td>
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
            {t("teach.set.pageOf", { page: table.page, pages: table.pages, count: table.total })}
          </span>
          {table.page < table.pages ? <Link href={tableUrl(table.sort, table.page + 1)}>{t("teach.set.next")}</Link> : null}
        </nav>
      ) : null}
      <Exceptions
        setId={setId}
        {...adjustments}
        teaches={teaches}
        t={t}
        date={date}
        zone={zone}
        refusal={refusedHere ? <FormRefusal error={sp.error} fields={sp.fields} page={`/teach/sets/${setId}`} session={actor} /> : null}
        typed={refusedHere ? typed : undefined}
      />
      <PaperWork
        setId={setId}
        items={items.map((i) => ({ id: i.id, title: i.title }))}
        job={paper}
        teaches={teaches}
        t={t}
        refusal={sp.on === "paper" ? <FormRefusal error={sp.error} fields={sp.fields} page={`/teach/sets/${setId}`} session={actor} /> : null}
      />
      <h2 id="rules">{t("teach.set.rules")}</h2>
      {refusedHere || sp.on === "paper" ? null : <FormRefusal error={sp.error} fields={sp.fields} page={`/teach/sets/${setId}`} session={actor} id="rules-error" />}
      {teaches ? (
        <>
          <p>{t("teach.set.rulesNote")}</p>
          <form action={saveRules} className="stack-form">
            <RulesFields rules={set} t={t} zone={zone} typed={rulesRefused ? typed : undefined} invalid={invalidRules} errorId="rules-error" />
            <button type="submit" className="button">
              {t("teach.set.saveRules")}
            </button>
          </form>
        </>
      ) : (
        <p data-testid="rules-read-only">{t("teach.staff.rulesReadOnly")}</p>
      )}
      <SetLife set={set} actor={actor} teaches={teaches} t={t} />
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
      <SetHistory events={history} t={t} locale={locale} zone={zone} />
    </>
  );
}
