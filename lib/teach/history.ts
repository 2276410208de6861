// A set's history in sentences, in the reader's language: each audit event written by audit()
// (lib/access.ts) about a set becomes one sentence, its details read field by field
// ("Demo Teacher changed the carried-forward credit from 0.5 to 1"), never raw JSON.
import type { TFunction } from "i18next";
import { formatUtc, type Locale } from "../i18n";
import { formatInZone } from "../time";
import { RULE_FIELDS, RULE_NAMES, type RuleField } from "../course/rules";

export interface HistoryEvent {
  id: string;
  action: string;
  detailJson: string;
  createdAt: Date;
  actor: { name: string };
}

export interface HistoryLine {
  id: string;
  at: Date;
  text: string;
}

type Detail = Record<string, unknown>;

function readDetail(json: string): Detail {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Detail) : {};
  } catch {
    return {};
  }
}

/** A rule's value in words: dates in UTC in the reader's format, policies by their names. */
function ruleValue(field: RuleField, value: unknown, t: TFunction, locale: Locale, zone: string): string {
  if (value === null || value === undefined || value === "") return t("teach.history.none");
  switch (RULE_FIELDS[field]) {
    case "date": {
      const d = new Date(String(value));
      return Number.isNaN(d.getTime()) ? String(value) : zone === "UTC" ? formatUtc(d, locale) : formatInZone(d, locale, zone);
    }
    case "reveal":
      return t(`teach.rules.reveal.${String(value)}`, { defaultValue: String(value) });
    case "late":
      return t(`teach.rules.late.${String(value)}`, { defaultValue: String(value) });
    default:
      return String(value);
  }
}

/** Two dates are the same rule even when one was stored as a Date and read back as an ISO string. */
function sameValue(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined ? null : typeof v === "string" && !Number.isNaN(Date.parse(v)) && /^\d{4}-/.test(v) ? new Date(v).getTime() : v);
  return norm(a) === norm(b);
}

function rulesSentence(actor: string, d: Detail, t: TFunction, locale: Locale, zone: string): string {
  const before = (d.before ?? {}) as Detail;
  const after = (d.after ?? {}) as Detail;
  const changes = RULE_NAMES.filter((f) => f in after && !sameValue(before[f], after[f])).map((f) =>
    t("teach.history.change", { field: t(`teach.history.field.${f}`), before: ruleValue(f, before[f], t, locale, zone), after: ruleValue(f, after[f], t, locale, zone) }),
  );
  if (!changes.length) return t("teach.history.rulesUnchanged", { actor });
  return t("teach.history.rules", { actor, changes: changes.join(t("teach.history.and")) });
}

function regradeSentence(d: Detail, t: TFunction): string {
  const n = typeof d.submissions === "number" ? d.submissions : 0;
  const skipped = typeof d.skipped === "number" ? d.skipped : 0;
  const text = t("teach.history.regrade", { count: n });
  return skipped ? `${text} ${t("teach.history.skipped", { count: skipped })}` : text;
}

/** A student's exception terms in words: "due 15 Jan 2027, 23:59 (Asia/Tokyo, GMT+9), 2 extra attempts". */
function termsText(terms: unknown, t: TFunction, locale: Locale, zone: string): string {
  const x = (terms ?? {}) as Detail;
  const parts: string[] = [];
  if (x.dueAt) parts.push(t("teach.history.termsDue", { date: ruleValue("dueAt", x.dueAt, t, locale, zone) }));
  const extra = typeof x.extraAttempts === "number" ? x.extraAttempts : 0;
  if (extra > 0) parts.push(t("teach.history.termsExtra", { count: extra }));
  return parts.length ? parts.join(t("teach.history.and")) : t("teach.history.none");
}

/** The sentence of an exception or a manual score: whom, what it gives, what it replaced, and why. */
function studentSentence(action: string, actor: string, d: Detail, t: TFunction, locale: Locale, zone: string): string | null {
  const student = typeof d.student === "string" ? d.student : "?";
  const exercise = typeof d.exercise === "string" ? d.exercise : "";
  const reason = typeof d.reason === "string" && d.reason ? d.reason : t("teach.history.none");
  const score = (v: unknown, max: unknown) => (typeof v === "number" ? `${v}/${typeof max === "number" ? max : "?"}` : t("teach.history.none"));
  switch (action) {
    case "student.exception":
      return t("teach.history.exception", { actor, student, terms: termsText(d.after, t, locale, zone), before: termsText(d.before, t, locale, zone), reason });
    case "student.exception.withdraw":
      return t("teach.history.exceptionWithdrawn", { actor, student, terms: termsText(d.before, t, locale, zone) });
    case "student.manualScore":
      return t("teach.history.manualScore", { actor, student, exercise, score: score(d.after, d.maxScore), before: typeof d.before === "number" ? score(d.before, d.maxScore) : t("teach.history.none"), reason });
    case "student.manualScore.withdraw":
      return t("teach.history.manualScoreWithdrawn", { actor, student, exercise, score: score(d.before, d.maxScore) });
    default:
      return null;
  }
}

/** One event as a sentence; an action this file does not know yet still reads as a sentence, with its reason if it has one. */
export function historySentence(e: HistoryEvent, t: TFunction, locale: Locale, zone = "UTC"): string {
  const d = readDetail(e.detailJson);
  const actor = e.actor.name;
  switch (e.action) {
    case "set.create":
      return t("teach.history.created", { actor, count: Array.isArray(d.templates) ? d.templates.length : 0 });
    case "set.rules":
      return rulesSentence(actor, d, t, locale, zone);
    case "set.regrade":
      return regradeSentence(d, t);
    case "set.status":
      return t("teach.history.status", { actor, status: t(`teach.history.statusName.${String(d.after)}`, { defaultValue: String(d.after) }) });
    case "set.delete":
      return t("teach.history.deleted", { actor });
    default: {
      const aboutStudent = studentSentence(e.action, actor, d, t, locale, zone);
      if (aboutStudent) return aboutStudent;
      const reason = typeof d.reason === "string" && d.reason ? d.reason : null;
      const what = t(`teach.history.action.${e.action.replace(/\./g, "_")}`, { defaultValue: e.action });
      return reason ? t("teach.history.otherWhy", { actor, what, reason }) : t("teach.history.other", { actor, what });
    }
  }
}

/** The set's events, newest first as given, as dated sentences. */
/** The set's events, dates in the course's zone. */
export function historyLines(events: readonly HistoryEvent[], t: TFunction, locale: Locale, zone = "UTC"): HistoryLine[] {
  return events.map((e) => ({ id: e.id, at: e.createdAt, text: historySentence(e, t, locale, zone) }));
}
