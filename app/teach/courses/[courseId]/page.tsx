// A course: join code, roster (CSV import with a report, removal), problem sets and a new one.
import Link from "next/link";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { builtinTemplates } from "@/lib/exercises/builtin";
import { courseTaughtBy } from "@/lib/teach/access";
import { addStudentsCsv, removeStudent, roster, type CsvReport } from "@/lib/teach/courses";
import { createSet } from "@/lib/teach/sets";
import { orNotFound } from "@/app/_lib/guard";
import { requireInstructorPage, utc } from "../../_guard";
import { NEW_SET_RULES, RulesFields, rulesFromForm } from "../../_rules-fields";

export const metadata = { title: "Course" };


export default async function CoursePage({ params, searchParams }: { params: Promise<{ courseId: string }>; searchParams: Promise<{ error?: string }> }) {
  const { courseId } = await params;
  const sp = await searchParams;
  const actor = await requireInstructorPage(`/teach/courses/${courseId}`);
  const course = await orNotFound(courseTaughtBy(prisma, actor, courseId));
  const [members, sets] = await Promise.all([roster(prisma, actor, courseId), prisma.problemSet.findMany({ where: { courseId }, include: { items: true }, orderBy: { createdAt: "asc" } })]);
  const report = await lastReport(courseId);

  async function importCsv(form: FormData) {
    "use server";
    const a = await requireInstructorPage(`/teach/courses/${courseId}`);
    const file = form.get("file");
    const text = file instanceof File && file.size > 0 ? await file.text() : String(form.get("csv") ?? "");
    const r = await addStudentsCsv(prisma, a, courseId, text);
    reports.set(courseId, r);
    revalidatePath(`/teach/courses/${courseId}`);
  }
  async function remove(form: FormData) {
    "use server";
    const a = await requireInstructorPage(`/teach/courses/${courseId}`);
    await removeStudent(prisma, a, courseId, String(form.get("userId")));
    revalidatePath(`/teach/courses/${courseId}`);
  }
  async function newSet(form: FormData) {
    "use server";
    const a = await requireInstructorPage(`/teach/courses/${courseId}`);
    const json = String(form.get("templateJson") ?? "").trim();
    let set;
    try {
      set = await createSet(prisma, a, courseId, {
        title: form.get("title"),
        templateIds: form.getAll("templateIds").map(String),
        templatesJson: json ? [json] : [],
        ...rulesFromForm(form),
      });
    } catch (e) {
      if (e instanceof AppError) redirect(`/teach/courses/${courseId}?error=${encodeURIComponent(e.message)}`);
      throw e;
    }
    redirect(`/teach/sets/${set.id}`);
  }

  return (
    <>
      <h1>{course.title}</h1>
      <p>
        Join code for students: <code data-testid="join-code">{course.joinCode}</code> ·{" "}
        <Link href={`/teach/courses/${courseId}/builder`}>Template builder</Link> ·{" "}
        <a href={`/teach/courses/${courseId}/grades.csv`} download>
          Export grades (CSV)
        </a>
      </p>
      <h2>Problem sets</h2>
      <ul>
        {sets.map((s) => (
          <li key={s.id}>
            <Link href={`/teach/sets/${s.id}`}>{s.title}</Link> — {s.items.length} exercises, due {utc(s.dueAt)}
          </li>
        ))}
      </ul>
      <h2 id="roster">Roster</h2>
      {report ? <CsvReportView report={report} /> : null}
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Status</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id}>
              <td>{m.user.name}</td>
              <td>{m.user.email}</td>
              <td>{m.removedAt ? `removed ${utc(m.removedAt)} (work kept)` : "enrolled"}</td>
              <td>
                {m.removedAt ? null : (
                  <form action={remove}>
                    <input type="hidden" name="userId" value={m.user.id} />
                    <button type="submit" className="button secondary" aria-label={`Remove ${m.user.name}`}>
                      Remove
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Add students from CSV</h3>
      <form action={importCsv} className="stack-form">
        <label>
          Rows of “name,email” (a header row is optional)
          <textarea name="csv" rows={4} cols={50} />
        </label>
        <label>
          or a CSV file
          <input type="file" name="file" accept=".csv,text/csv" />
        </label>
        <button type="submit" className="button">
          Add students
        </button>
      </form>
      <h2 id="new-set">New problem set</h2>
      {sp.error ? (
        <p role="alert" className="error-text">
          {sp.error}
        </p>
      ) : null}
      <form action={newSet} className="stack-form" style={{ flexDirection: "column", alignItems: "stretch" }}>
        <label>
          Title
          <input name="title" required maxLength={200} />
        </label>
        <fieldset>
          <legend>Exercises from the built-in templates</legend>
          {builtinTemplates().map((t) => (
            <label key={t.id} style={{ flexDirection: "row", fontWeight: 400 }}>
              <input type="checkbox" name="templateIds" value={t.id} /> {t.title}
            </label>
          ))}
        </fieldset>
        <label>
          …and/or a template as JSON (the exercises/ format; imported from a colleague)
          <textarea name="templateJson" rows={4} />
        </label>
        <RulesFields rules={NEW_SET_RULES} />
        <button type="submit" className="button">
          Create problem set
        </button>
      </form>
    </>
  );
}

/** The last CSV report of a course, shown once (kept in memory only: it may hold initial passwords). */
const reports = new Map<string, CsvReport>();
async function lastReport(courseId: string): Promise<CsvReport | undefined> {
  const r = reports.get(courseId);
  reports.delete(courseId);
  return r;
}

function CsvReportView({ report }: { report: CsvReport }) {
  return (
    <div role="status" className="notice">
      <p>
        {report.added.length} added, {report.rejected.length} rejected.
      </p>
      {report.added.some((a) => a.initialPassword) ? (
        <ul>
          {report.added
            .filter((a) => a.initialPassword)
            .map((a) => (
              <li key={a.email}>
                {a.name} ({a.email}): initial password <code>{a.initialPassword}</code>
              </li>
            ))}
        </ul>
      ) : null}
      {report.rejected.length ? (
        <ul>
          {report.rejected.map((r) => (
            <li key={r.line}>
              line {r.line} “{r.text}”: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
