// The LMS roster matched to the course's students, for its instructor to confirm: each LMS learner
// with the student they would join (by student number or email) or why not. Clean matches are
// ticked; rows with a problem cannot be ticked. Nothing is joined until the instructor confirms,
// and the server matches again then (app/teach/lti/actions.ts, lib/lti/joining.ts).
import Link from "next/link";
import { prisma } from "@/lib/db/client";
import { getT } from "@/app/_lib/i18n.server";
import { orNotFound } from "@/app/_lib/guard";
import { FormRefusal } from "@/app/_components/form-refusal";
import { proposeMatches, type MatchRow } from "@/lib/lti/joining";
import { AppError } from "@/lib/errors";
import { requireInstructorPage } from "../../../_guard";
import { confirmMatchesAction } from "../../actions";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("lti.join.matchTitle") };
}

/** The roster read now, or why it could not be (the LMS down, no roster offered): said, not a 500. */
async function rowsOrWhy(actor: { id: string; role: "student" | "instructor" }, contextId: string): Promise<MatchRow[] | AppError> {
  try {
    return await orNotFound(proposeMatches(prisma, actor, contextId));
  } catch (e) {
    if (e instanceof AppError && e.code !== "NOT_FOUND" && e.code !== "FORBIDDEN") return e;
    throw e;
  }
}

export default async function MatchPage({ params, searchParams }: { params: Promise<{ contextId: string }>; searchParams: Promise<{ error?: string; joined?: string; skipped?: string }> }) {
  const { contextId } = await params;
  const sp = await searchParams;
  const actor = await requireInstructorPage(`/teach/lti/contexts/${contextId}`);
  const { t } = await getT();
  const rows = await rowsOrWhy(actor, contextId);
  const count = (x: string | undefined) => (/^\d{1,5}$/.test(x ?? "") ? Number(x) : null);
  const joined = count(sp.joined);
  return (
    <>
      <p>
        <Link href="/teach/lti">← {t("lti.admin.title")}</Link>
      </p>
      <h1>{t("lti.join.matchTitle")}</h1>
      <p>{t("lti.join.matchHelp")}</p>
      <FormRefusal error={sp.error} />
      {joined !== null ? (
        <p role="status" className="notice" data-testid="joined">
          {t("lti.join.joined", { joined, skipped: count(sp.skipped) ?? 0 })}
        </p>
      ) : null}
      {rows instanceof AppError ? (
        <p role="alert" className="error-text">
          {rows.say ? t(rows.say) : t("lti.join.rosterUnavailable")}
        </p>
      ) : (
        <form action={confirmMatchesAction}>
          <input type="hidden" name="context" value={contextId} />
          <table className="data-table" data-testid="match-table">
            <thead>
              <tr>
                <th scope="col">{t("lti.join.confirm")}</th>
                <th scope="col">{t("lti.join.lmsUser")}</th>
                <th scope="col">{t("lti.join.student")}</th>
                <th scope="col">{t("lti.join.by")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.subject} data-subject={r.subject}>
                  <td>
                    {r.joined ? (
                      t("lti.join.already")
                    ) : (
                      <input type="checkbox" name="subjects" value={r.subject} defaultChecked={!r.problem} disabled={!!r.problem} aria-label={t("lti.join.tick", { name: r.name })} />
                    )}
                  </td>
                  <td>
                    {r.name}
                    <br />
                    <small>{[r.studentNumber, r.email].filter(Boolean).join(" · ")}</small>
                  </td>
                  <td>
                    {r.candidate ? (
                      <>
                        {r.candidate.name}
                        <br />
                        <small>{[r.candidate.studentNumber, r.candidate.email].filter(Boolean).join(" · ")}</small>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    {r.problem ? <span className="error-text">{t(`lti.match.${r.problem}`)}</span> : r.candidate ? t(`lti.join.by_${r.candidate.by}`) : null}
                    {r.replaces && !r.problem ? <small className="note"> {t("lti.join.replaces")}</small> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit" className="button">
            {t("lti.join.confirmSubmit")}
          </button>
        </form>
      )}
    </>
  );
}
