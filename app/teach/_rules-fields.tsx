// The fields of a problem set's rules, shared by the new-set form and the rules editor.
// Labels come translated through `t` (teach.rules.*); the policy names are the message keys.
import type { TFunction } from "i18next";
import { LATE_POLICIES, REVEAL_POLICIES, RULE_FIELDS, RULE_NAMES, type Rules } from "@/lib/course/rules";
import { fieldValue, utcField } from "./_guard";

/** The rules as the domain reads them, from the submitted form (dates entered in UTC). */
export function rulesFromForm(form: FormData): Record<keyof Rules, FormDataEntryValue | string | null> {
  return Object.fromEntries(RULE_NAMES.map((f) => [f, RULE_FIELDS[f] === "date" ? utcField(form.get(f)) : form.get(f)])) as Record<keyof Rules, FormDataEntryValue | string | null>;
}

export function RulesFields({ rules, t }: { rules: Rules; t: TFunction }) {
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
          {LATE_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`teach.rules.late.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("teach.rules.latePenalty")}
        <input type="number" name="latePenalty" min={0} max={1} step={0.05} defaultValue={rules.latePenalty} />
      </label>
      <label>
        {t("teach.rules.lateUntil")}
        <input type="datetime-local" name="lateUntil" defaultValue={fieldValue(rules.lateUntil)} />
      </label>
      <p className="note">{t("teach.rules.lateRevealNote")}</p>
    </>
  );
}
