// The fields of a problem set's rules, shared by the new-set form and the rules editor.
// Labels come translated through `t` (teach.rules.*); the policy names are the message keys.
import type { TFunction } from "i18next";
import { LATE_POLICIES, REVEAL_POLICIES, RULE_FIELDS, RULE_NAMES, type Rules } from "@/lib/course/rules";
import { fieldValue, zonedField } from "./_guard";

/** The rules as the domain reads them, from the submitted form (dates entered in the course's zone). */
export function rulesFromForm(form: FormData, zone: string): Record<keyof Rules, FormDataEntryValue | string | null> {
  return Object.fromEntries(RULE_NAMES.map((f) => [f, RULE_FIELDS[f] === "date" ? zonedField(form.get(f), zone) : form.get(f)])) as Record<keyof Rules, FormDataEntryValue | string | null>;
}

/** The form's fields; dates are entered and shown in the course's zone, named in their labels. */
export function RulesFields({ rules, t, zone }: { rules: Rules; t: TFunction; zone: string }) {
  const inZone = (field: string) => t("teach.rules.inZone", { field: t(`teach.rules.${field}`), zone });
  return (
    <>
      <label>
        {inZone("opensAt")}
        <input type="datetime-local" name="opensAt" defaultValue={fieldValue(rules.opensAt, zone)} />
      </label>
      <label>
        {inZone("dueAt")}
        <input type="datetime-local" name="dueAt" defaultValue={fieldValue(rules.dueAt, zone)} />
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
        {inZone("lateUntil")}
        <input type="datetime-local" name="lateUntil" defaultValue={fieldValue(rules.lateUntil, zone)} aria-describedby="late-until-hint" />
      </label>
      <p className="note" id="late-until-hint">{t("teach.rules.lateUntilHint")}</p>
      <p className="note">{t("teach.rules.lateRevealNote")}</p>
    </>
  );
}
