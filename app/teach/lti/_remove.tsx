// "Remove this platform…" on the LTI page: a disclosure that says what goes (its LMS courses and
// links, waiting score jobs) and what stays (courses, sets, work, accounts), and removes only when
// the platform's name is typed.
import type { TFunction } from "i18next";
import { removePlatformAction } from "./actions";

export function confirmRemoval(p: { id: string; name: string }, t: TFunction) {
  return (
    <details className="confirm">
      <summary className="button secondary">{t("lti.join.remove")}…</summary>
      <form action={removePlatformAction} className="stack-form">
        <p>{t("lti.join.removeWhat", { name: p.name })}</p>
        <input type="hidden" name="platform" value={p.id} />
        <label>
          {t("lti.join.typeName", { name: p.name })}
          <input name="confirmName" required maxLength={300} autoComplete="off" />
        </label>
        <button type="submit" className="button">
          {t("lti.join.removeNow", { name: p.name })}
        </button>
      </form>
    </details>
  );
}
