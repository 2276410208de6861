// The fields of a problem set's rules, shared by the new-set form and the rules editor.
import { REVEAL_POLICIES } from "@/lib/teach/sets";
import { fieldValue, utcField } from "./_guard";

const REVEAL_LABELS: Record<(typeof REVEAL_POLICIES)[number], string> = {
  after_last_attempt_or_due: "after the last attempt or the due date",
  after_due: "after the due date",
  after_first_attempt: "after the first attempt",
  never: "never",
};

export interface RulesDefaults {
  opensAt: Date | null;
  dueAt: Date | null;
  attemptsAllowed: number;
  revealPolicy: string;
  carriedCredit: number;
  latePolicy: string;
  latePenalty: number;
}

export const NEW_SET_RULES: RulesDefaults = { opensAt: null, dueAt: null, attemptsAllowed: 3, revealPolicy: "after_last_attempt_or_due", carriedCredit: 1, latePolicy: "refuse", latePenalty: 0 };

/** The rules as the domain reads them, from the submitted form (dates entered in UTC). */
export function rulesFromForm(form: FormData) {
  return {
    opensAt: utcField(form.get("opensAt")),
    dueAt: utcField(form.get("dueAt")),
    attemptsAllowed: form.get("attemptsAllowed"),
    revealPolicy: form.get("revealPolicy"),
    carriedCredit: form.get("carriedCredit"),
    latePolicy: form.get("latePolicy"),
    latePenalty: form.get("latePenalty"),
  };
}

export function RulesFields({ rules }: { rules: RulesDefaults }) {
  return (
    <>
      <label>
        Opens at (UTC)
        <input type="datetime-local" name="opensAt" defaultValue={fieldValue(rules.opensAt)} />
      </label>
      <label>
        Due at (UTC)
        <input type="datetime-local" name="dueAt" defaultValue={fieldValue(rules.dueAt)} />
      </label>
      <label>
        Attempts allowed
        <input type="number" name="attemptsAllowed" min={1} max={100} defaultValue={rules.attemptsAllowed} />
      </label>
      <label>
        Solutions revealed
        <select name="revealPolicy" defaultValue={rules.revealPolicy}>
          {REVEAL_POLICIES.map((p) => (
            <option key={p} value={p}>
              {REVEAL_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Credit for carried-forward answers (0 to 1)
        <input type="number" name="carriedCredit" min={0} max={1} step={0.05} defaultValue={rules.carriedCredit} />
      </label>
      <label>
        Late submissions
        <select name="latePolicy" defaultValue={rules.latePolicy}>
          <option value="refuse">refused after the due date</option>
          <option value="accept">accepted, with a penalty</option>
        </select>
      </label>
      <label>
        Late penalty (share of the score, 0 to 1)
        <input type="number" name="latePenalty" min={0} max={1} step={0.05} defaultValue={rules.latePenalty} />
      </label>
    </>
  );
}
