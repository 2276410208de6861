// Translations through i18next (messages/*.json), resolved on the server only: client components
// receive their strings as props, so no dictionary or i18n runtime reaches the browser.
import i18next, { type TFunction } from "i18next";
import en from "./messages/en.json";
import ja from "./messages/ja.json";
import ko from "./messages/ko.json";
import { INPUT_REASONS } from "../grading/input-reasons";
import { TEMPLATE_REASONS } from "../exercises/template-reasons";
import { FILE_REASONS } from "../file-reasons";
import { causesText, type Reason } from "../reasons";

export const LOCALES = ["en", "ja", "ko"] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", ja: "日本語", ko: "한국어" };
/** The BCP 47 tag for Intl formatting (dates) in each language. */
export const INTL_LOCALES: Record<Locale, string> = { en: "en-GB", ja: "ja-JP", ko: "ko-KR" };

/** A date and time in UTC, written the language's way ("25 Nov 2026, 09:00 UTC", "2026/11/25 9:00 UTC"). */
export function formatUtc(d: Date, locale: Locale): string {
  return `${d.toLocaleString(INTL_LOCALES[locale], { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
}

const instance = i18next.createInstance();
/** English messages: en.json, and the domain's own wording of why a cell or a template cannot be used. */
export const ENGLISH = { ...en, reason: { ...INPUT_REASONS, ...TEMPLATE_REASONS, ...FILE_REASONS } };
void instance.init({ resources: { en: { translation: ENGLISH }, ja: { translation: ja }, ko: { translation: ko } }, lng: "en", fallbackLng: "en", initAsync: false, interpolation: { escapeValue: false } });

export function isLocale(x: unknown): x is Locale {
  return typeof x === "string" && (LOCALES as readonly string[]).includes(x);
}

/** A supported language, else English. */
export function asLocale(x: unknown): Locale {
  return isLocale(x) ? x : "en";
}

const translators = new Map<Locale, TFunction>();
/** Messages looked up without parameters are kept: a page asks for the same few dozen at every render. */
const PLAIN_KEPT = 5000;

export function translator(locale: Locale): TFunction {
  let t = translators.get(locale);
  if (!t) {
    const fixed = instance.getFixedT(locale);
    const plain = new Map<string, unknown>();
    t = ((key: unknown, ...rest: unknown[]) => {
      if (rest.length || typeof key !== "string") return (fixed as unknown as (...args: unknown[]) => unknown)(key, ...rest);
      let text = plain.get(key);
      if (text === undefined) {
        text = fixed(key);
        if (plain.size < PLAIN_KEPT) plain.set(key, text);
      }
      return text;
    }) as unknown as TFunction;
    translators.set(locale, t);
  }
  return t;
}

/** Why a typed cell or a template cannot be used, in the given language. */
export function reasonIn(locale: Locale, why: Reason): string {
  const params = why.causes ? { ...why.params, reasons: causesText(why.causes, (r) => reasonIn(locale, r)) } : why.params;
  return translator(locale)(`reason.${why.code}`, params);
}

/** The language of a request: the "locale" cookie if it names one, else Accept-Language. */
export function localeFrom(cookie: string | undefined, acceptLanguage: string | null): Locale {
  return isLocale(cookie) ? cookie : fromAcceptLanguage(acceptLanguage);
}

/** The first supported language of an Accept-Language header. */
export function fromAcceptLanguage(header: string | null): Locale {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0].trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return "en";
}
