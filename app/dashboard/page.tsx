import Link from "next/link";
import { studentDashboard, submissionHistory } from "@/lib/course/dashboard";
import { prisma } from "@/lib/db/client";
import { getT } from "@/app/_lib/i18n.server";
import { formatUtc } from "@/lib/i18n";
import { formatInZone } from "@/lib/time";
import { requireActor } from "@/app/_lib/guard";
import { FormRefusal } from "@/app/_components/form-refusal";
import { StandingLine } from "@/app/_components/standing";
import { joinAction as join } from "./actions";
import { GradeNotices } from "./_notices";
import { Adjustments } from "./_adjustments";
import { unseenNotices } from "@/lib/course/notices";
import { itemTitlesIn } from "@/lib/course/titles";
import type { TFunction } from "i18next";

/** A course one teaches or assists (not a student of it): the way to its staff pages. */
function StaffLink({ courseId, role, t }: { courseId: string; role: string; t: TFunction }) {
  return (
    <p>
      {t(role === "ta" ? "dashboard.assisting" : "dashboard.teaching")} <Link href={`/teach/courses/${courseId}`}>{t("dashboard.openStaffPage")}</Link>
    </p>
  );
}

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("dashboard.title") };
}

export default async function Dashboard({ searchParams }: { searchParams: Promise<{ joined?: string; error?: string }> }) {
  const actor = await requireActor("/dashboard");
  const { t, locale } = await getT();
  const sp = await searchParams;
  const [courses, history, notices] = await Promise.all([studentDashboard(prisma, actor), submissionHistory(prisma, actor), unseenNotices(prisma, actor)]);
  const date = (d: Date) => formatUtc(d, locale);
  // Exercise titles in the reader's language, for the sets and the history alike (lib/exercises/titles.ts).
  const noticed = notices.flatMap((n) => (n.itemId && n.exercise ? [{ id: n.itemId, title: n.exercise }] : []));
  const items = [...courses.flatMap((c) => c.sets.flatMap((s) => s.items)), ...history.flatMap((s) => (s.variant.item ? [s.variant.item] : [])), ...noticed];
  const titles = await itemTitlesIn(prisma, items, locale);
  const titleOf = (item: { id: string; title: string }) => titles.get(item.id) ?? item.title;
  const localNotices = notices.map((n) => (n.itemId && n.exercise ? { ...n, exercise: titleOf({ id: n.itemId, title: n.exercise }) } : n));
  // ?joined= names a course by id: the title shown is the one of the student's own course.
  const joined = courses.find((c) => c.id === sp.joined);
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      {joined ? <p role="status" className="notice">{t("dashboard.joined", { course: joined.title })}</p> : null}
      <GradeNotices notices={localNotices} t={t} />
      <Adjustments actor={actor} t={t} date={date} locale={locale} />
      {courses.length === 0 ? <p>{t("dashboard.noCourses")}</p> : null}
      {courses.map((course) => (
        <section key={course.id} aria-labelledby={`course-${course.id}`}>
          <h2 id={`course-${course.id}`}>{course.title}</h2>
          {course.role === "student" ? null : <StaffLink courseId={course.id} role={course.role} t={t} />}
          {course.role !== "student" ? null : course.sets.map((set) => (
            <div key={set.id} data-testid="dashboard-set">
              <h3>{set.title}</h3>
              {set.notOpenYet && set.opensAt ? (
                <p data-testid="opens-at">
                  <strong>{t("life.opens", { date: formatInZone(set.opensAt, locale, course.timeZone) })}</strong>
                </p>
              ) : (
                <StandingLine standing={set.standing} zone={course.timeZone} locale={locale} t={t} />
              )}
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("dashboard.exercise")}</th>
                    <th scope="col">{t("dashboardColumns.status")}</th>
                    <th scope="col">{t("dashboard.attempt")}</th>
                  </tr>
                </thead>
                <tbody>
                  {set.items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        {/* Before its opening date an exercise is named, not linked: the link would only refuse. */}
                        {set.notOpenYet ? titleOf(item) : <Link href={`/items/${item.id}`}>{titleOf(item)}</Link>}
                      </td>
                      <td>
                        {t(`dashboard.status.${item.status}`)}
                        {item.best ? ` · ${t("dashboard.score", { score: item.best.score, max: item.best.max })}` : ""}
                        {item.best?.manual ? ` (${t("teach.stats.manual")})` : ""}
                      </td>
                      <td>
                        {/* Attempts the student's own rules allow (extra attempts included); a closed set says what was used. */}
                        {set.standing.kind === "closed" ? t("standing.usedOf", { used: item.attemptsUsed, allowed: set.attemptsAllowed }) : t("dashboard.attempts", { used: item.attemptsUsed, allowed: set.attemptsAllowed })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
      <section aria-labelledby="join-heading">
        <h2 id="join-heading">{t("dashboard.join")}</h2>
        <form action={join} className="stack-form">
          <label>
            {t("dashboard.joinCode")}
            <input name="code" required maxLength={40} autoComplete="off" aria-describedby={sp.error ? "join-error" : undefined} />
          </label>
          <button type="submit" className="button">
            {t("dashboard.joinSubmit")}
          </button>
          <FormRefusal error={sp.error} id="join-error" />
        </form>
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("dashboard.history")}</h2>
        {history.length === 0 ? (
          <p>{t("dashboard.noHistory")}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("dashboard.when")}</th>
                <th scope="col">{t("dashboard.exercise")}</th>
                <th scope="col">{t("dashboard.attempt")}</th>
                <th scope="col">{t("dashboardColumns.score")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link href={`/submissions/${s.id}`}>{date(s.createdAt)}</Link>
                  </td>
                  <td>{s.variant.item ? titleOf(s.variant.item) : t("nav.practice")}</td>
                  <td>{s.attempt}</td>
                  <td>{s.grades[0] ? `${s.grades[0].score} / ${s.grades[0].maxScore}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
