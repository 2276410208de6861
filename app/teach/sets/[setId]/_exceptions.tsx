// The set page's "Exceptions and manual scores": what each student was given (an extension, extra
// attempts, scores by hand, with the reasons) and, for the course's instructors, the two forms that
// give them. A student is chosen from a list rather than given a form of their own: one pair of
// forms serves a class of 300 as well as one of 3. The forms post to app/teach/exception-actions.ts.
import type { ReactNode } from "react";
import type { TFunction } from "i18next";
import type { StudentAdjustments } from "@/lib/teach/exceptions";
import type { Typed } from "@/app/_lib/form-action";
import { giveManualScoreAction, grantExceptionAction, withdrawExceptionAction, withdrawManualScoreAction } from "../../exception-actions";

interface Props {
  setId: string;
  items: { id: string; title: string }[];
  students: StudentAdjustments[];
  teaches: boolean;
  t: TFunction;
  date: (d: Date | null) => string;
  /** The course's time zone, in which an extension's due date is entered. */
  zone: string;
  /** The message of a refused form of this section, if any. */
  refusal?: ReactNode;
  /** What was typed into the refused form (its hidden "form" field says which of the two). */
  typed?: Typed;
}

/** What was typed into the form named `name`, if it was the refused one. */
const typedInto = (typed: Typed | undefined, name: string) => (typed?.form?.[0] === name ? typed : undefined);
const first = (typed: Typed | undefined, field: string) => typed?.[field]?.[0];

export function Exceptions({ setId, items, students, teaches, t, date, zone, refusal, typed }: Props) {
  const given = students.filter((s) => s.exception || Object.keys(s.manual).length);
  return (
    <section aria-labelledby="exceptions">
      <h2 id="exceptions">{t("teach.exceptions.heading")}</h2>
      <p>{t("teach.exceptions.intro")}</p>
      {refusal}
      {given.length ? <GivenTable setId={setId} items={items} students={given} teaches={teaches} t={t} date={date} zone={zone} /> : <p>{t("teach.exceptions.none")}</p>}
      {teaches ? (
        <div className="stack-form-row">
          <ExceptionForm setId={setId} students={students} t={t} zone={zone} typed={typedInto(typed, "exception")} />
          <ManualScoreForm setId={setId} items={items} students={students} t={t} typed={typedInto(typed, "manual")} />
        </div>
      ) : (
        <p>{t("teach.exceptions.instructorsOnly")}</p>
      )}
    </section>
  );
}

function StudentSelect({ students, id, t, chosen }: { students: StudentAdjustments[]; id: string; t: TFunction; chosen?: string }) {
  return (
    <>
      <label htmlFor={id}>{t("teach.exceptions.student")}</label>
      <select id={id} name="userId" required defaultValue={chosen}>
        {students.map((s) => (
          <option key={s.userId} value={s.userId}>
            {s.label}
            {s.removed ? ` ${t("teach.exceptions.removed")}` : ""}
          </option>
        ))}
      </select>
    </>
  );
}

function ExceptionForm({ setId, students, t, zone, typed }: { setId: string; students: StudentAdjustments[]; t: TFunction; zone: string; typed?: Typed }) {
  return (
    <form action={grantExceptionAction.bind(null, setId)} className="stack-form" aria-labelledby="exception-form">
      <h3 id="exception-form">{t("teach.exceptions.exceptionForm")}</h3>
      <input type="hidden" name="form" value="exception" />
      <StudentSelect students={students} id="exception-student" t={t} chosen={first(typed, "userId")} />
      <label htmlFor="exception-due">{t("teach.rules.inZone", { field: t("teach.exceptions.dueAt"), zone })}</label>
      <input id="exception-due" name="dueAt" type="datetime-local" defaultValue={first(typed, "dueAt")} />
      <label htmlFor="exception-extra">{t("teach.exceptions.extraAttempts")}</label>
      <input id="exception-extra" name="extraAttempts" type="number" min={0} max={100} defaultValue={first(typed, "extraAttempts") ?? 0} />
      <label htmlFor="exception-reason">{t("teach.exceptions.reason")}</label>
      <input id="exception-reason" name="reason" required maxLength={500} defaultValue={first(typed, "reason")} />
      <button type="submit" className="button">
        {t("teach.exceptions.grant")}
      </button>
    </form>
  );
}

function ManualScoreForm({ setId, items, students, t, typed }: { setId: string; items: { id: string; title: string }[]; students: StudentAdjustments[]; t: TFunction; typed?: Typed }) {
  return (
    <form action={giveManualScoreAction.bind(null, setId)} className="stack-form" aria-labelledby="manual-form">
      <h3 id="manual-form">{t("teach.exceptions.manualForm")}</h3>
      <input type="hidden" name="form" value="manual" />
      <StudentSelect students={students} id="manual-student" t={t} chosen={first(typed, "userId")} />
      <label htmlFor="manual-item">{t("teach.exceptions.exercise")}</label>
      <select id="manual-item" name="itemId" required defaultValue={first(typed, "itemId")}>
        {items.map((i) => (
          <option key={i.id} value={i.id}>
            {i.title}
          </option>
        ))}
      </select>
      <label htmlFor="manual-score">{t("teach.exceptions.score")}</label>
      <input id="manual-score" name="score" type="number" min={0} step="any" required defaultValue={first(typed, "score")} />
      <label htmlFor="manual-max">{t("teach.exceptions.maxScore")}</label>
      <input id="manual-max" name="maxScore" type="number" min={0} step="any" defaultValue={first(typed, "maxScore")} />
      <label htmlFor="manual-reason">{t("teach.exceptions.reason")}</label>
      <input id="manual-reason" name="reason" required maxLength={500} defaultValue={first(typed, "reason")} />
      <button type="submit" className="button">
        {t("teach.exceptions.give")}
      </button>
    </form>
  );
}

/** Each student given something, with a withdraw button per exception and per manual score (instructors). */
function GivenTable({ setId, items, students, teaches, t, date }: Props) {
  const title = new Map(items.map((i) => [i.id, i.title]));
  return (
    <table className="data-table" data-testid="exceptions-table">
      <caption>{t("teach.exceptions.current")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("teach.exceptions.columnStudent")}</th>
          <th scope="col">{t("teach.exceptions.columnException")}</th>
          <th scope="col">{t("teach.exceptions.columnManual")}</th>
        </tr>
      </thead>
      <tbody>
        {students.map((s) => (
          <tr key={s.userId} data-student={s.name}>
            <th scope="row">
              {s.label}
              {s.removed ? ` ${t("teach.exceptions.removed")}` : ""}
            </th>
            <td>
              {s.exception ? (
                <>
                  {[s.exception.dueAt ? t("teach.exceptions.due", { date: date(s.exception.dueAt) }) : null, s.exception.extraAttempts ? t("teach.exceptions.extra", { count: s.exception.extraAttempts }) : null].filter(Boolean).join(", ")}
                  {" — "}
                  <q>{s.exception.reason}</q>
                  {teaches ? <Withdraw action={withdrawExceptionAction.bind(null, setId)} userId={s.userId} t={t} /> : null}
                </>
              ) : (
                "—"
              )}
            </td>
            <td>
              {Object.entries(s.manual).map(([itemId, m]) => (
                <div key={itemId}>
                  {t("teach.exceptions.manual", { exercise: title.get(itemId) ?? "", score: m.score, max: m.maxScore })} — <q>{m.reason}</q>
                  {teaches ? <Withdraw action={withdrawManualScoreAction.bind(null, setId)} userId={s.userId} itemId={itemId} t={t} /> : null}
                </div>
              ))}
              {Object.keys(s.manual).length ? null : "—"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Withdraw({ action, userId, itemId, t }: { action: (form: FormData) => Promise<void>; userId: string; itemId?: string; t: TFunction }) {
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      {itemId ? <input type="hidden" name="itemId" value={itemId} /> : null}
      <button type="submit" className="link-button">
        {t("teach.exceptions.withdraw")}
      </button>
    </form>
  );
}
