// A course: join code, roster (CSV import with a report, removal after a confirmation page),
// problem sets with their status, a new one, and a copy of the course for a new term.
import Link from "next/link";
import { prisma } from "@/lib/db/client";
import { builtinTemplate, builtinTemplates } from "@/lib/exercises/builtin";
import { titlesIn } from "@/lib/exercises/template";
import { getT } from "@/app/_lib/i18n.server";
import { latestImport } from "@/lib/teach/roster-import";
import { roster } from "@/lib/teach/courses";
import { FormRefusal } from "@/app/_components/form-refusal";
import { staffCoursePage, dateIn } from "../../_guard";
import { CourseStaff } from "./_staff";
import { ResetPasswordButton, RosterNotices } from "./_roster";
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

export default async function CoursePage({ params, searchParams }: { params: Promise<{ courseId: string }>; searchParams: Promise<{ error?: string; fields?: string; deleted?: string }> }) {
  const { courseId } = await params;
  const sp = await searchParams;
  const { actor, course } = await staffCoursePage(courseId);
  // Teaching assistants see the course; only its instructors get the forms that change it.
  const teaches = course.access === "instructor";
  const [members, sets, importJob] = await Promise.all([
    roster(prisma, actor, courseId),
    prisma.problemSet.findMany({ where: { courseId }, include: { items: true }, orderBy: { createdAt: "asc" } }),
    latestImport(prisma, courseId),
  ]);
  const [importCsv, newSet] = [importCsvAction.bind(null, courseId), newSetAction.bind(null, courseId)];
  const { t, locale } = await getT();
  const date = dateIn(locale, course.timeZone);

  return (
    <>
      <h1>{course.title}</h1>
      <FormRefusal error={sp.error} fields={sp.fields} page={`/teach/courses/${courseId}`} session={actor} />
      {sp.deleted ? <p role="status" className="notice">{t("life.deleted")}</p> : null}
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
      <h2>{t("teach.course.sets")}</h2>
      <ul>
        {sets.map((s) => (
          <li key={s.id}>
            <Link href={`/teach/sets/${s.id}`}>{s.title}</Link> <SetStatusTag set={s} date={date} t={t} /> — {t("teach.course.setLine", { n: s.items.length, date: date(s.dueAt) })}
          </li>
        ))}
      </ul>
      <h2 id="roster">{t("teach.course.roster")}</h2>
      <JobStatus job={importJob} t={t} />
      <RosterNotices courseId={courseId} session={actor} t={t} />
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("teach.course.name")}</th>
            <th scope="col">{t("teach.course.email")}</th>
            <th scope="col">{t("teach.course.status")}</th>
            <th scope="col">{t("teach.course.action")}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.user.name}</td>
              <td>{m.user.email}</td>
              <td>
                {m.removedAt ? t("teach.course.removed", { date: date(m.removedAt) }) : t("teach.course.enrolled")}
                {m.removedAt && !m.countsInStats ? ` · ${t("life.notCounted")}` : null}
              </td>
              <td>
                {m.removedAt || !teaches ? null : <RemoveStudentLink courseId={courseId} userId={m.user.id} name={m.user.name} t={t} />}
                {m.removedAt || !teaches ? null : <ResetPasswordButton courseId={courseId} userId={m.user.id} name={m.user.name} t={t} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {teaches ? (
        <>
          <h3>{t("teach.course.addStudents")}</h3>
          <form action={importCsv} className="stack-form">
            <label>
              {t("teach.course.csvRows")}
              <textarea name="csv" rows={4} cols={50} />
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
          <h2 id="new-set">{t("teach.course.newSet")}</h2>
          <form action={newSet} className="stack-form" style={{ flexDirection: "column", alignItems: "stretch" }}>
            <label>
              {t("teach.titleField")}
              <input name="title" required maxLength={200} />
            </label>
            <fieldset>
              <legend>{t("teach.course.builtinTemplates")}</legend>
              {builtinTemplates().map((tpl) => (
                <label key={tpl.id} style={{ flexDirection: "row", flexWrap: "wrap", fontWeight: 400 }}>
                  <input type="checkbox" name="templateIds" value={tpl.id} aria-describedby={tpl.fixed ? `fixed-${tpl.id}` : undefined} /> {titlesIn(tpl, locale).title}
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
              <textarea name="templateJson" rows={4} />
            </label>
            <RulesFields rules={NEW_SET_RULES} t={t} zone={course.timeZone} />
            <NewSetStatusField t={t} />
            <button type="submit" className="button">
              {t("teach.course.createSet")}
            </button>
          </form>
          <h2 id="copy">{t("life.copyHeading")}</h2>
          <p>{t("life.copyExplain")}</p>
          <form action={copyCourseAction.bind(null, courseId)} className="stack-form">
            <CopyCourseFields title={course.title} t={t} />
          </form>
        </>
      ) : null}
      <CourseStaff courseId={course.id} actor={actor} access={course.access} t={t} />
    </>
  );
}
