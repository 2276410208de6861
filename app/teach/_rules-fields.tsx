// The fields of a problem set's rules, shared by the new-set form and the rules editor.
// Labels come translated through `t` (teach.rules.*); the policy names are the message keys.
import type { TFunction } from "i18next";
import { REVEAL_POLICIES } from "@/lib/teach/sets";
import { fieldValue, utcField } from "./_guard";

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

export function RulesFields({ rules, t }: { rules: RulesDefaults; t: TFunction }) {
  return (
    <>
      <label>
        {t("teach.rules.opensAt")}
        <input type="datetime-local" name="opensAt" defaultValue={fieldValue(rules.opensAt)} />
      </label>
      <label>
        {t("teach.rules.dueAt")}
        <input type="datetime-local" name="dueAt" defaultValue={fieldValue(rules.dueAt)} />
      </label>
      <label>
        {t("teach.rules.attemptsAllowed")}
        <input type="number" name="attemptsAllowed" min={1} max={100} defaultValue={rules.attemptsAllowed} />
      </label>
      <label>
        {t("teach.rules.revealPolicy")}
        <select name="revealPolicy" defaultValue={rules.revealPolicy}>
          {REVEAL_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`teach.rules.reveal.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("teach.rules.carriedCredit")}
        <input type="number" name="carriedCredit" min={0} max={1} step={0.05} defaultValue={rules.carriedCredit} />
      </label>
      <label>
        {t("teach.rules.latePolicy")}
        <select name="latePolicy" defaultValue={rules.latePolicy}>
          <option value="refuse">{t("teach.rules.late.refuse")}</option>
          <option value="accept">{t("teach.rules.late.accept")}</option>
        </select>
      </label>
      <label>
        {t("teach.rules.latePenalty")}
        <input type="number" name="latePenalty" min={0} max={1} step={0.05} defaultValue={rules.latePenalty} />
      </label>
      <p className="note">{t("teach.rules.lateRevealNote")}</p>
    </>
  );
}
