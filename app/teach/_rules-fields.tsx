// The fields of a problem set's rules, shared by the new-set form and the rules editor.
// Labels come translated through `t` (teach.rules.*); the policy names are the message keys.
import type { TFunction } from "i18next";
import { LATE_POLICIES, REVEAL_POLICIES, RULE_FIELDS, RULE_NAMES, type Rules } from "@/lib/course/rules";
import { fieldValue, zonedField } from "./_guard";
import type { Typed } from "@/app/_lib/form-action";

/** The rules as the domain reads them, from the submitted form (dates entered in the course's zone). */
export function rulesFromForm(form: FormData, zone: string): Record<keyof Rules, FormDataEntryValue | string | null> {
  return Object.fromEntries(RULE_NAMES.map((f) => [f, RULE_FIELDS[f] === "date" ? zonedField(form.get(f), zone) : form.get(f)])) as Record<keyof Rules, FormDataEntryValue | string | null>;
}

/**
 * The form's fields; dates are entered and shown in the course's zone, named in their labels. A
 * refused form comes back with what was `typed` (as typed, dates too) and its `invalid` fields
 * marked, pointing at the message `errorId`.
 */
export function RulesFields({ rules, t, zone, typed, invalid = [], errorId }: { rules: Rules; t: TFunction; zone: string; typed?: Typed; invalid?: readonly string[]; errorId?: string }) {
  const inZone = (field: string) => t("teach.rules.inZone", { field: t(`teach.rules.${field}`), zone });
  const dv = (name: keyof Rules, fallback: string | number) => typed?.[name]?.[0] ?? fallback;
  const marks = (name: keyof Rules) => (invalid.includes(name) ? { "aria-invalid": true as const, "aria-describedby": errorId } : {});
  return (
    <>
      <label>
        {inZone("opensAt")}
        <input type="datetime-local" name="opensAt" defaultValue={dv("opensAt", fieldValue(rules.opensAt, zone))} {...marks("opensAt")} />
      </label>
      <label>
        {inZone("dueAt")}
        <input type="datetime-local" name="dueAt" defaultValue={dv("dueAt", fieldValue(rules.dueAt, zone))} {...marks("dueAt")} />
      </label>
      <label>
        {t("teach.rules.attemptsAllowed")}
        <input type="number" name="attemptsAllowed" min={1} max={100} defaultValue={dv("attemptsAllowed", rules.attemptsAllowed)} {...marks("attemptsAllowed")} />
      </label>
      <label>
        {t("teach.rules.revealPolicy")}
        <select name="revealPolicy" defaultValue={dv("revealPolicy", rules.revealPolicy)} {...marks("revealPolicy")}>
          {REVEAL_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`teach.rules.reveal.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("teach.rules.carriedCredit")}
        <input type="number" name="carriedCredit" min={0} max={1} step={0.05} defaultValue={dv("carriedCredit", rules.carriedCredit)} {...marks("carriedCredit")} />
      </label>
      <label>
        {t("teach.rules.latePolicy")}
        <select name="latePolicy" defaultValue={dv("latePolicy", rules.latePolicy)} {...marks("latePolicy")}>
          {LATE_POLICIES.map((p) => (
            <option key={p} value={p}>
              {t(`teach.rules.late.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("teach.rules.latePenalty")}
        <input type="number" name="latePenalty" min={0} max={1} step={0.05} defaultValue={dv("latePenalty", rules.latePenalty)} {...marks("latePenalty")} />
      </label>
      <label>
        {inZone("lateUntil")}
        <input
          type="datetime-local"
          name="lateUntil"
          defaultValue={dv("lateUntil", fieldValue(rules.lateUntil, zone))}
          {...marks("lateUntil")}
          aria-describedby={invalid.includes("lateUntil") && errorId ? `${errorId} late-until-hint` : "late-until-hint"}
        />
      </label>
      <p className="note" id="late-until-hint">{t("teach.rules.lateUntilHint")}</p>
      <p className="note">{t("teach.rules.lateRevealNote")}</p>
    </>
  );
}
