// Form posts (server actions): their fields read defensively, and their refusals sent back to the
// page as codes. A page shows a message only for a code it knows, worded in the reader's language
// by the app: a crafted link (?error=<any text>) can make a page say nothing but its own words.
import type { TFunction } from "i18next";
import { AppError } from "@/lib/errors";
import { ENGLISH } from "@/lib/i18n";
import { RULE_NAMES, type RuleField } from "@/lib/course/rules";

/** Each rule's label is its message under teach.rules. */
const RULE_LABELS = Object.fromEntries(RULE_NAMES.map((f) => [f, `teach.rules.${f}`])) as Record<RuleField, `teach.rules.${RuleField}`>;

/** A text field: its value, or "" when it is missing, a file, or longer than `max` characters (then refused). */
export function textField(form: FormData, name: string, max = 10_000): string {
  const v = form.get(name);
  if (typeof v !== "string") return "";
  if (v.length > max) throw new AppError("INVALID_INPUT", `${name}: longer than ${max} characters`, { [name]: "too long" });
  return v;
}

/** Every value of a repeated text field (checkboxes), at most `maxCount` of at most `max` characters. */
export function textFields(form: FormData, name: string, maxCount = 100, max = 200): string[] {
  const all = form.getAll(name).filter((v): v is string => typeof v === "string");
  if (all.length > maxCount || all.some((v) => v.length > max)) throw new AppError("INVALID_INPUT", `${name}: too many or too long`, { [name]: "too long" });
  return all;
}

/** The codes a page may be sent back with (?error=), each with the message it shows. */
export const FORM_ERRORS = {
  invalid: "formError.invalid",
  notFound: "formError.notFound",
  forbidden: "errors.forbidden",
  conflict: "formError.conflict",
  unexpected: "formError.unexpected",
  noStudent: "formError.noStudent",
  noTemplate: "formError.noTemplate",
  badTemplate: "formError.badTemplate",
  csvTooLarge: "formError.csvTooLarge",
  wrongPassword: "formError.wrongPassword",
  passwordMismatch: "formError.passwordMismatch",
  weakPassword: "formError.weakPassword",
  locked: "signin.locked",
  badCode: "dashboard.badCode",
} as const;
/** A code of FORM_ERRORS, or the name of a domain refusal's message under "errors." (its `say`). */
export type FormErrorCode = keyof typeof FORM_ERRORS | `errors:${string}`;

const DOMAIN_ERRORS = new Set(Object.keys(ENGLISH.errors));

/** The message key of a code, if the code is one (anything else: undefined). */
function messageOf(code: unknown): string | undefined {
  if (typeof code !== "string") return undefined;
  if (Object.hasOwn(FORM_ERRORS, code)) return FORM_ERRORS[code as keyof typeof FORM_ERRORS];
  const m = /^errors:(\w{1,60})$/.exec(code);
  return m && DOMAIN_ERRORS.has(m[1]) ? `errors.${m[1]}` : undefined;
}

/** The fields a refusal may name (?fields=), with their labels. */
export const FORM_FIELDS = {
  title: "teach.titleField",
  setTitle: "teach.builder.setTitle",
  ...RULE_LABELS,
  templateIds: "teach.course.builtinTemplates",
  templateJson: "teach.course.templateJson",
  csv: "teach.course.csvRows",
  email: "teach.course.email",
  role: "teach.staff.role",
  reason: "teach.exceptions.reason",
  extraAttempts: "teach.exceptions.extraAttempts",
  score: "teach.exceptions.score",
  maxScore: "teach.exceptions.maxScore",
} as const;

const isField = (x: string): x is keyof typeof FORM_FIELDS => Object.hasOwn(FORM_FIELDS, x);

/** The code for a refusal: the action's own choice per error code, else the error's message key, else its kind. */
export function formErrorCode(e: AppError, overrides: Partial<Record<AppError["code"], FormErrorCode>> = {}): FormErrorCode {
  const chosen = overrides[e.code];
  if (chosen) return chosen;
  const bySay = (Object.keys(FORM_ERRORS) as (keyof typeof FORM_ERRORS)[]).find((k) => FORM_ERRORS[k] === e.say);
  if (bySay) return bySay;
  const domain = e.say?.startsWith("errors.") ? `errors:${e.say.slice("errors.".length)}` : undefined;
  if (domain && messageOf(domain)) return domain as FormErrorCode;
  switch (e.code) {
    case "INVALID_INPUT":
    case "BAD_REQUEST":
    case "PAYLOAD_TOO_LARGE":
    case "UNSUPPORTED_MEDIA_TYPE":
    case "TOO_MANY_REQUESTS":
      return "invalid";
    case "NOT_FOUND":
      return "notFound";
    case "FORBIDDEN":
    case "UNAUTHENTICATED":
      return "forbidden";
    case "CONFLICT":
      return "conflict";
    case "BAD_GATEWAY":
      return "unexpected";
  }
}

/** The page's address with the refusal's code and the known fields it names (nothing else). */
export function refusalUrl(page: string, code: FormErrorCode, e?: AppError): string {
  const fields = Object.keys(e?.details ?? {})
    .map((k) => k.split(".")[0])
    .filter(isField);
  const q = new URLSearchParams({ error: code });
  if (fields.length) q.set("fields", [...new Set(fields)].join(","));
  const [path, hash] = page.split("#");
  return `${path}${path.includes("?") ? "&" : "?"}${q}${hash ? `#${hash}` : ""}`;
}

/** What a page shows for its ?error= and ?fields=: null for no code or an unknown one. */
export function formErrorText(t: TFunction, error: unknown, fields?: unknown): string | null {
  const key = messageOf(Array.isArray(error) ? error[0] : error);
  if (!key) return null;
  const message = t(key);
  const raw = Array.isArray(fields) ? fields[0] : fields;
  const named = typeof raw === "string" ? [...new Set(raw.split(",").filter(isField))].slice(0, 12) : [];
  return named.length ? `${message} ${t("formError.check", { fields: named.map((f) => t(FORM_FIELDS[f])).join(", ") })}` : message;
}
