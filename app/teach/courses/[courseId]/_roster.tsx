// The roster's one-time notices on the course page: the last import's report (initial passwords
// shown once), a reset's new password (shown once), and the link that downloads every one-time
// password of this session as one CSV, once. Plus the per-student "reset password" button.
import type { TFunction } from "i18next";
import { csvReportTopic, takeOnce, type SessionRef } from "@/lib/auth/once";
import { prisma } from "@/lib/db/client";
import type { CsvReport } from "@/lib/teach/roster-csv";
import { hasPasswordSheet, passwordResetTopic, type SheetRow } from "@/lib/teach/roster-passwords";
import { resetPasswordAction } from "../../actions";

export async function RosterNotices({ courseId, session, t }: { courseId: string; session: SessionRef; t: TFunction }) {
  // Each is deleted as it is read: a reload shows neither again (the download link stays until used).
  const [report, reset] = [await takeOnce<CsvReport>(prisma, session, csvReportTopic(courseId)), await takeOnce<SheetRow>(prisma, session, passwordResetTopic(courseId))];
  const sheet = await hasPasswordSheet(prisma, session, courseId);
  return (
    <>
      {report ? <CsvReportView report={report} t={t} /> : null}
      {reset ? (
        <div role="status" className="notice" data-testid="password-reset">
          {t("teach.course.resetDone", { name: reset.name, email: reset.email })} <code>{reset.password}</code>
        </div>
      ) : null}
      {sheet ? (
        <p>
          {/* A plain link (never prefetched): the download spends the sheet. */}
          <a href={`/teach/courses/${courseId}/initial-passwords`} download data-testid="download-passwords">
            {t("teach.course.downloadPasswords")}
          </a>{" "}
          <small>{t("teach.course.passwordsNote")}</small>
        </p>
      ) : null}
    </>
  );
}

function CsvReportView({ report, t }: { report: CsvReport; t: TFunction }) {
  const already = report.already ?? [];
  const withPassword = report.added.filter((a) => a.initialPassword);
  return (
    <div role="status" className="notice" data-testid="import-report">
      <p>
        {t("teach.course.report", { added: report.added.length, rejected: report.rejected.length })}
        {already.length ? ` ${t("teach.course.reportAlready", { already: already.length })}` : null}
      </p>
      {withPassword.length ? (
        <ul>
          {withPassword.map((a) => (
            <li key={a.email}>
              {t("teach.course.initialPassword", { name: a.name, email: a.email })} <code>{a.initialPassword}</code>
            </li>
          ))}
        </ul>
      ) : null}
      {already.length ? (
        <ul>
          {already.map((a) => (
            <li key={a.line}>{t("teach.course.alreadyLine", { line: a.line, name: a.name, email: a.email })}</li>
          ))}
        </ul>
      ) : null}
      {report.rejected.length ? (
        <ul>
          {report.rejected.map((r) => (
            <li key={r.line}>{t("teach.course.rejectedLine", { line: r.line, text: r.text, reason: t(`teach.csv.${r.reason}`, { email: r.email ?? "" }) })}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "Reset password" for one student: a new one-time password, their sessions ended. */
export function ResetPasswordButton({ courseId, userId, name, t }: { courseId: string; userId: string; name: string; t: TFunction }) {
  return (
    <form action={resetPasswordAction.bind(null, courseId)}>
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="button secondary" aria-label={t("teach.course.resetStudent", { name })} title={t("teach.course.resetStudent", { name })}>
        {t("teach.course.resetPassword")}
      </button>
    </form>
  );
}
