// A course: join code, problem sets with their status and a new one, the roster (searchable, by
// pages, with student numbers; CSV import with a report, removal after a confirmation page), and a
// copy of the course for a new term. A refused form comes back filled as it was typed, its message
// in its own section (?on=…), where the page opens.
import Link from "next/link";
import { prisma } from "@/lib/db/client";
import { builtinTemplate, builtinTemplates } from "@/lib/exercises/builtin";
import { titlesIn } from "@/lib/exercises/template";
import { getT } from "@/app/_lib/i18n.server";
import { latestImport } from "@/lib/teach/roster-import";
import { rosterPage } from "@/lib/teach/courses";
import { FormRefusal, takeTyped, typedOr } from "@/app/_components/form-refusal";
import { staffCoursePage, dateIn } from "../../_guard";
import { CourseStaff } from "./_staff";
import { ReissueForm, ResetNotice, ResetPasswordButton, RosterNotices, takeReset } from "./_roster";
import { NEW_SET_RULES } from "@/lib/course/rules";
import { RulesFields } from "../../_rules-fields";
import { importCsvAction, newSetAction } from "../../actions";
import { JobStatus } from "../../_job-status";
import { CopyCourseFields, NewSetStatusField, RemoveStudentLink, SetStatusTag } from "./_life";
import { copyCourseAction } from "../../life-actions";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("teach.course.title") };
}

/** The sections a refused form can send the page back to, each with its message shown there. */
const SECTIONS = ["new-set", "add-students", "copy", "staff"] as const;
type Section = (typeof SECTIONS)[number];
const sectionOf = (on: unknown): Section | null => (SECTIONS as readonly unknown[]).includes(on) ? (on as Section) : null;

export default async function CoursePage({
  params,
  searchParams,
}: {
  params: Promise<{ courseId: string }>;
  searchParams: Promise<{ error?: string; fields?: string; deleted?: string; on?: string; q?: string; page?: string; reissued?: string; linked?: string }>;
}) {
  const { courseId } = await params;
  const sp = await searchParams;
  const { actor, course } = await staffCoursePage(courseId);
  // Teaching assistants see the course; only its instructors get the forms that change it.
  const teaches = course.access === "instructor";
  const pagePath = `/teach/courses/${courseId}`;
  const [members, sets, importJob, typed, reset] = await Promise.all([
    rosterPage(prisma, actor, courseId, sp.q, sp.page),
    prisma.problemSet.findMany({ where: { courseId }, include: { items: true }, orderBy: { createdAt: "asc" } }),
    latestImport(prisma, courseId),
    takeTyped(pagePath, actor),
    takeReset(courseId, actor),
  ]);
  // ?reissued=N after a sheet was re-issued: a count, nothing a link could make the page say.
  const reissued = /^\d{1,4}$/.test(sp.reissued ?? "") ? Number(sp.reissued) : undefined;
  const [importCsv, newSet] = [importCsvAction.bind(null, courseId), newSetAction.bind(null, courseId)];
  const { t, locale } = await getT();
  const date = dateIn(locale, course.timeZone);
  const on = sectionOf(sp.on);
  // The refusal's message, where its form is (or at the top for the other forms of the page).
  const refusal = (section: Section | null) =>
    on === section ? <FormRefusal error={sp.error} fields={sp.fields} page={pagePath} session={actor} id={section ? `${section}-error` : undefined} /> : null;
  const invalid = on === "new-set" && typeof sp.fields === "string" ? sp.fields.split(",") : [];
  const rosterUrl = (page: number) => `${pagePath}?${new URLSearchParams({ ...(members.query ? { q: members.query } : {}), page: String(page) })}#roster`;
  // What was typed, for the refused form alone.
  const typedFor = (section: Section) => (on === section ? typed : undefined);
  const checkedTemplates = new Set(typedFor("new-set")?.templateIds ?? []);

  return (
    <>
      <h1>{course.title}</h1>
      {refusal(null)}
      {sp.deleted ? <p role="status" className="notice">{t("life.deleted")}</p> : null}
      {sp.linked ? <p role="status" className="notice">{t("teach.course.linked")}</p> : null}
      <p>
        {t("teach.course.joinCodeForStudents")} <code data-testid="join-code">{course.joinCode}</code> ·{" "}
        {teaches ? (
          <>
            <Link href={`/teach/courses/${courseId}/builder`}>{t("teach.builder.title")}</Link> ·{" "}
          </>
        ) : null}
        <a href={`/teach/courses/${courseId}/grades.csv`} download>
          {t("teach.course.exportGrades")}
        </a>
        {" · "}
        <a href={`/teach/courses/${courseId}/attempts.csv`} download>
          {t("teach.course.exportAttempts")}
        </a>
        {" "}
        <small>
          ({t("teach.course.exportPublishedOnly")}{" "}
          <a href={`/teach/courses/${courseId}/grades.csv?sets=all`} download>
            {t("teach.course.exportAllSets")}
          </a>
          )
        </small>
      </p>
      <nav aria-label={t("teach.course.onThisPage")} className="section-links">
        <a href="#sets">{t("teach.course.sets")}</a>
        {teaches ? <a href="#new-set">{t("teach.course.newSet")}</a> : null}
        <a href="#roster">{t("teach.course.roster")}</a>
        {teaches ? <a href="#add-students">{t("teach.course.addStudents")}</a> : null}
        {teaches ? <a href="#copy">{t("life.copyHeading")}</a> : null}
        <a href="#staff">{t("teach.staff.title")}</a>
      </nav>
      <h2 id="sets">{t("teach.course.sets")}</h2>
      <ul>
        {sets.map((s) => (
          <li key={s.id}>
            <Link href={`/teach/sets/${s.id}`}>{s.title}</Link> <SetStatusTag set={s} date={date} t={t} /> — {t("teach.course.setLine", { count: s.items.length, date: date(s.dueAt) })}
          </li>
        ))}
      </ul>
      {teaches ? (
        <>
          <h2 id="new-set">{t("teach.course.newSet")}</h2>
          {refusal("new-set")}
          <form action={newSet} className="stack-form" style={{ flexDirection: "column", alignItems: "stretch" }}>
            <label>
              {t("teach.titleField")}
              <input name="title" required maxLength={200} defaultValue={typedOr(typedFor("new-set"), "title", "")} {...(invalid.includes("title") ? { "aria-invalid": true, "aria-describedby": "new-set-error" } : {})} />
            </label>
            <fieldset {...(invalid.includes("templateIds") ? { "aria-invalid": true, "aria-describedby": "new-set-error" } : {})}>
              <legend>{t("teach.course.builtinTemplates")}</legend>
              {builtinTemplates().map((tpl) => (
                <label key={tpl.id} style={{ flexDirection: "row", flexWrap: "wrap", fontWeight: 400 }}>
                  <input type="checkbox" name="templateIds" value={tpl.id} defaultChecked={checkedTemplates.has(tpl.id)} aria-describedby={tpl.fixed ? `fixed-${tpl.id}` : undefined} /> {titlesIn(tpl, locale).title}
                  {tpl.fixed ? (
                    <small id={`fixed-${tpl.id}`} className="note" data-fixed-note={tpl.id} style={{ flexBasis: "100%" }}>
                      {t("teach.course.fixedNote", { sibling: titlesIn(builtinTemplate(`${tpl.id}-random`) ?? tpl, locale).title })}
                    </small>
                  ) : null}
                </label>
              ))}
            </fieldset>
            <label>
              {t("teach.course.templateJson")}
              <textarea name="templateJson" rows={4} defaultValue={typedOr(typedFor("new-set"), "templateJson", "")} />
            </label>
            <RulesFields rules={NEW_SET_RULES} t={t} zone={course.timeZone} typed={typedFor("new-set")} invalid={invalid} errorId="new-set-error" />
            <NewSetStatusField t={t} typed={typedFor("new-set")?.status?.[0]} />
            <button type="submit" className="button">
              {t("teach.course.createSet")}
            </button>
          </form>
        </>
      ) : null}
      <h2 id="roster">{t("teach.course.roster")}</h2>
      <JobStatus job={importJob} t={t} />
      <RosterNotices courseId={courseId} session={actor} t={t} reissued={teaches ? reissued : undefined} />
      {/* A reset shows in its student's row; here only when that row is not on this page. */}
      {reset && !members.rows.some((m) => m.user.email === reset.email) ? <ResetNotice reset={reset} courseId={courseId} t={t} /> : null}
      <form method="get" action={`${pagePath}#roster`} role="search" className="stack-form">
        <label>
          {t("teach.course.searchRoster")}
          <input type="search" name="q" defaultValue={members.query} maxLength={200} />
        </label>
        <button type="submit" className="button secondary">
          {t("teach.course.search")}
        </button>
        {members.query ? <Link href={`${pagePath}#roster`}>{t("teach.course.clearSearch")}</Link> : null}
      </form>
      <p role="status" data-testid="roster-count">
        {members.query ? t("teach.course.rosterMatched", { count: members.matched, total: members.total }) : t("teach.course.rosterTotal", { count: members.total })}
      </p>
      <table className="data-table" data-testid="roster-table">
        <thead>
          <tr>
            {teaches ? (
              <th scope="col">
                <span className="visually-hidden">{t("teach.course.reissueHeading")}</span>
              </th>
            ) : null}
            <th scope="col">{t("teach.course.name")}</th>
            <th scope="col">{t("teach.course.studentNumber")}</th>
            <th scope="col">{t("teach.course.email")}</th>
            <th scope="col">{t("teach.course.status")}</th>
            <th scope="col">{t("teach.course.action")}</th>
          </tr>
        </thead>
        <tbody>
          {members.rows.map((m) => (
            <tr key={m.id} id={`student-${m.user.id}`}>
              {teaches ? (
                <td>{m.removedAt ? null : <input type="checkbox" name="userIds" value={m.user.id} form="reissue" aria-label={t("teach.course.select", { name: m.label })} />}</td>
              ) : null}
              <td>{m.user.name}</td>
              <td>{m.studentNumber ?? ""}</td>
              <td>{m.user.email}</td>
              <td>
                {m.removedAt ? t("teach.course.removed", { date: date(m.removedAt) }) : t("teach.course.enrolled")}
                {m.removedAt && !m.countsInStats ? ` · ${t("life.notCounted")}` : null}
              </td>
              <td>
                {m.removedAt || !teaches ? null : <RemoveStudentLink courseId={courseId} userId={m.user.id} name={m.label} t={t} />}
                {m.removedAt || !teaches ? null : <ResetPasswordButton courseId={courseId} userId={m.user.id} name={m.label} t={t} />}
                {reset && reset.email === m.user.email ? <ResetNotice reset={reset} courseId={courseId} t={t} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {members.pages > 1 ? (
        <nav aria-label={t("teach.course.rosterPages")} className="table-controls">
          {members.page > 1 ? <Link href={rosterUrl(members.page - 1)}>{t("teach.set.previous")}</Link> : null}
          <span>{t("teach.course.rosterPageOf", { page: members.page, pages: members.pages })}</span>
          {members.page < members.pages ? <Link href={rosterUrl(members.page + 1)}>{t("teach.set.next")}</Link> : null}
        </nav>
      ) : null}
      {teaches ? <ReissueForm courseId={courseId} t={t} /> : null}
      {teaches ? (
        <>
          <h3 id="add-students">{t("teach.course.addStudents")}</h3>
          {refusal("add-students")}
          <form action={importCsv} className="stack-form">
            <label>
              {t("teach.course.csvRows")}
              <textarea name="csv" rows={4} cols={50} defaultValue={typedOr(typedFor("add-students"), "csv", "")} />
            </label>
            <label>
              {t("teach.course.csvFile")}
              <input type="file" name="file" accept=".csv,text/csv" aria-describedby="csv-encoding" />
            </label>
            <small id="csv-encoding">{t("teach.course.encodingHint")}</small>
            <button type="submit" className="button">
              {t("teach.course.addStudentsSubmit")}
            </button>
          </form>
          <h2 id="copy">{t("life.copyHeading")}</h2>
          {refusal("copy")}
          <p>{t("life.copyExplain")}</p>
          <form action={copyCourseAction.bind(null, courseId)} className="stack-form">
            <CopyCourseFields title={course.title} t={t} typed={typedFor("copy")} />
          </form>
        </>
      ) : null}
      <CourseStaff courseId={course.id} actor={actor} access={course.access} t={t} refusal={refusal("staff")} typed={typedFor("staff")} />
    </>
  );
}
