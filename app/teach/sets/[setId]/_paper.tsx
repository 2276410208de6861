// The set page's "Paper work": the upload of a class's transcripts for one exercise (instructors),
// the job's progress, and the report of the latest upload: who was graded (with a link to the
// attempt), which files could not be read and why, which named no student.
import Link from "next/link";
import type { ReactNode } from "react";
import type { TFunction } from "i18next";
import type { Job } from "@/lib/jobs/runner";
import type { PaperReport } from "@/lib/teach/paper";
import { JobStatus } from "../../_job-status";
import { uploadPaperAction } from "../../paper-actions";

export function PaperWork({ setId, items, job, teaches, t, refusal }: { setId: string; items: { id: string; title: string }[]; job: Job | null; teaches: boolean; t: TFunction; refusal?: ReactNode }) {
  const report = job?.status === "done" && job.resultJson ? (JSON.parse(job.resultJson) as PaperReport) : null;
  return (
    <section aria-labelledby="paper">
      <h2 id="paper">{t("teach.paper.heading")}</h2>
      <p>{t("teach.paper.intro")}</p>
      {refusal}
      <JobStatus job={job} t={t} />
      {report ? <PaperReportView report={report} items={items} t={t} /> : null}
      {teaches ? (
        <form action={uploadPaperAction.bind(null, setId)} className="stack-form">
          <label>
            {t("teach.paper.exercise")}
            <select name="itemId" required>
              {items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t("teach.paper.files")}
            <input type="file" name="files" multiple required accept=".md,.markdown,.tex,.txt,.zip,text/markdown,text/plain,application/zip" aria-describedby="paper-hint" />
          </label>
          <small id="paper-hint">{t("teach.paper.hint")}</small>
          <button type="submit" className="button">
            {t("teach.paper.submit")}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function PaperReportView({ report, items, t }: { report: PaperReport; items: { id: string; title: string }[]; t: TFunction }) {
  const graded = report.lines.filter((l) => l.outcome === "graded");
  const others = report.lines.filter((l) => l.outcome !== "graded");
  return (
    <div role="status" className="notice" data-testid="paper-report">
      <p>{t("teach.paper.summary", { graded: graded.length, files: report.lines.length, exercise: items.find((i) => i.id === report.itemId)?.title ?? "" })}</p>
      {graded.length ? (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("teach.paper.file")}</th>
              <th scope="col">{t("teach.exceptions.student")}</th>
              <th scope="col">{t("teach.paper.score")}</th>
              <th scope="col">{t("teach.paper.read")}</th>
            </tr>
          </thead>
          <tbody>
            {graded.map((l) =>
              l.outcome === "graded" ? (
                <tr key={l.file}>
                  <td>{l.file}</td>
                  <td>
                    {l.student}
                    {l.studentNumber ? ` (${l.studentNumber})` : ""}
                  </td>
                  <td>
                    <Link href={`/teach/variants/${l.variantId}`}>{`${l.score} / ${l.maxScore}`}</Link>
                  </td>
                  <td>{t("teach.paper.readCounts", { read: l.read, unread: l.unread })}</td>
                </tr>
              ) : null,
            )}
          </tbody>
        </table>
      ) : null}
      {others.length ? (
        <ul>
          {others.map((l, k) => (
            <li key={k}>
              {l.file}: {l.outcome === "unreadable" ? t(`teach.paper.why.${l.why}`) : l.outcome === "twice" ? t("teach.paper.twice", { student: l.student }) : t("teach.paper.noStudent")}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
