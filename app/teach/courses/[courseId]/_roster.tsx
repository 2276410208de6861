// The roster's one-time notices on the course page: the last import's report (initial passwords
// shown once), a reset's new password (shown once, in the student's row), and the link that
// downloads every one-time password of this session as one CSV, once. Plus the per-student "reset
// password" (asked first) and the form that re-issues a sheet of one-time passwords at once.
import type { TFunction } from "i18next";
import { csvReportTopic, takeOnce, type SessionRef } from "@/lib/auth/once";
import { prisma } from "@/lib/db/client";
import type { CsvReport } from "@/lib/teach/roster-csv";
import { hasPasswordSheet, passwordResetTopic, type SheetRow } from "@/lib/teach/roster-passwords";
import { reissuePasswordsAction, resetPasswordAction } from "../../actions";

/** A reset's new password, once: the course page shows it in the student's row. */
export const takeReset = (courseId: string, session: SessionRef) => takeOnce<SheetRow>(prisma, session, passwordResetTopic(courseId));

/** The reset's notice, in the row of the student it concerns. */
export function ResetNotice({ reset, courseId, t }: { reset: SheetRow; courseId: string; t: TFunction }) {
  return (
    <div role="status" className="notice" data-testid="password-reset">
      {t("teach.course.resetDone", { name: reset.name, email: reset.email })} <code>{reset.password}</code>{" "}
      <a href={`/teach/courses/${courseId}/initial-passwords`} download>
        {t("teach.course.downloadPasswords")}
      </a>
    </div>
  );
}

export async function RosterNotices({ courseId, session, t, reissued }: { courseId: string; session: SessionRef; t: TFunction; reissued?: number }) {
  // Deleted as it is read: a reload does not show it again (the download link stays until used).
  const report = await takeOnce<CsvReport>(prisma, session, csvReportTopic(courseId));
  const sheet = await hasPasswordSheet(prisma, session, courseId);
  return (
    <>
      {report ? <CsvReportView report={report} t={t} /> : null}
      {reissued !== undefined ? (
        <p role="status" className="notice" data-testid="passwords-reissued">
          {reissued ? t("teach.course.reissued", { count: reissued }) : t("teach.course.reissuedNone")}
        </p>
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

/** "Reset password…" for one student: it opens to say what happens, and only the button inside resets. */
export function ResetPasswordButton({ courseId, userId, name, t }: { courseId: string; userId: string; name: string; t: TFunction }) {
  return (
    <details className="confirm">
      <summary className="button secondary" aria-label={t("teach.course.resetStudent", { name })}>
        {t("teach.course.resetPassword")}…
      </summary>
      <form action={resetPasswordAction.bind(null, courseId)}>
        <p>{t("teach.course.resetConfirm", { name })}</p>
        <input type="hidden" name="userId" value={userId} />
        <button type="submit" className="button">
          {t("teach.course.resetConfirmButton", { name })}
        </button>
      </form>
    </details>
  );
}

/**
 * New one-time passwords for the students ticked in the roster (their boxes belong to this form
 * through form="reissue") or for everyone still on a one-time password: one sheet, after a tick
 * that says their current passwords stop working.
 */
export function ReissueForm({ courseId, t }: { courseId: string; t: TFunction }) {
  return (
    <form id="reissue" action={reissuePasswordsAction.bind(null, courseId)} className="stack-form">
      <fieldset>
        <legend>{t("teach.course.reissueHeading")}</legend>
        <label style={{ flexDirection: "row", fontWeight: 400 }}>
          <input type="checkbox" name="confirm" value="yes" required /> {t("teach.course.reissueConfirm")}
        </label>
        <button type="submit" name="which" value="selected" className="button secondary">
          {t("teach.course.reissueSelected")}
        </button>{" "}
        <button type="submit" name="which" value="unchanged" className="button secondary">
          {t("teach.course.reissueUnchanged")}
        </button>
      </fieldset>
    </form>
  );
}
