import { describe, expect, it } from "vitest";
import ja from "../lib/i18n/messages/ja.json";
import ko from "../lib/i18n/messages/ko.json";
import { ENGLISH, LOCALE_NAMES, LOCALES, fromAcceptLanguage, translator } from "../lib/i18n";

type Messages = { [key: string]: string | Messages };

/** Every leaf of a message tree, as "a.b.c" → text. */
function leaves(tree: Messages, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [p, v] of leaves(value, path)) out.set(p, v);
  }
  return out;
}

/** The interpolation slots of a message, i18next's {{x}} and the client's {x}, sorted. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*\w+\s*\}\}|\{\w+\}/g)].map((m) => m[0].replace(/\s/g, "")).sort();

// en.json plus the domain's English reasons (reason.*), which the other languages translate too.
const english = leaves(ENGLISH as Messages);

/** A plural key's suffix, as i18next reads it: key_<the language's plural category of count>. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Whether a key is a plural form: it has the suffix and English has the key's _other form (reason.divides_by_zero is no plural). */
const isPlural = (key: string) => PLURAL.test(key) && english.has(key.replace(PLURAL, "_other"));

/** The keys a language must have: the English ones, each plural key in that language's own plural
 *  forms (Intl.PluralRules, as i18next: Japanese and Korean have only _other, English _one and _other). */
function keysFor(locale: string): string[] {
  const forms = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const keys = new Set<string>();
  for (const key of english.keys()) {
    if (isPlural(key)) for (const form of forms) keys.add(key.replace(PLURAL, `_${form}`));
    else keys.add(key);
  }
  return [...keys].sort();
}

/** The English text a translated key says: a plural form's is the English _other form. */
const englishOf = (key: string) => english.get(isPlural(key) ? key.replace(PLURAL, "_other") : key) ?? "";

describe.each([
  ["ja", ja as Messages],
  ["ko", ko as Messages],
])("the %s messages", (name, messages) => {
  const translated = leaves(messages);

  it("have exactly the keys of the English messages, plural keys in the language's own forms", () => {
    expect([...translated.keys()].sort()).toEqual(keysFor(name));
    // Japanese and Korean have one form for every count: no _one key is ever read.
    expect([...translated.keys()].filter((k) => k.endsWith("_one"))).toEqual([]);
  });

  it("keep every placeholder of the English text, and no other", () => {
    for (const [key, text] of translated) expect(placeholders(text), `${name}: ${key}`).toEqual(placeholders(englishOf(key)));
  });

  it("translate every message (non-empty)", () => {
    for (const [key, text] of translated) expect(text.trim(), `${name}: ${key}`).not.toBe("");
  });
});

describe("the Korean interface", () => {
  it("is a listed language named in Korean", () => {
    expect(LOCALES).toContain("ko");
    expect(LOCALE_NAMES.ko).toBe("한국어");
  });

  it("is chosen from Accept-Language", () => {
    expect(fromAcceptLanguage("ko")).toBe("ko");
    expect(fromAcceptLanguage("ko-KR,ko;q=0.9,en-US;q=0.8")).toBe("ko");
    expect(fromAcceptLanguage("fr-FR, ko-KR;q=0.7")).toBe("ko");
    expect(fromAcceptLanguage("ja-JP")).toBe("ja");
    expect(fromAcceptLanguage("fr")).toBe("en");
  });

  it("is served by the translator, with placeholders filled", () => {
    const t = translator("ko");
    expect(t("work.group.backward")).toBe("역전파");
    expect(t("dashboard.score", { score: 7, max: 10 })).toBe("최고 점수 7 / 10");
  });
});

describe("the built-in exercises' titles", () => {
  it("exist in every language, and the reader's comes first with the other beside it", async () => {
    const { builtinTemplates } = await import("../lib/exercises/builtin");
    const { titlesIn } = await import("../lib/exercises/template");
    for (const tpl of builtinTemplates()) {
      expect(tpl.title_ja, tpl.id).toBeTruthy();
      expect(tpl.title_ko, tpl.id).toBeTruthy();
      expect(tpl.description_ko, tpl.id).toBeTruthy();
    }
    const lecture = builtinTemplates().find((t) => t.id === "lecture-2-3-3-2")!;
    expect(titlesIn(lecture, "en")).toMatchObject({ title: lecture.title, also: { text: lecture.title_ja, lang: "ja" } });
    expect(titlesIn(lecture, "ja")).toMatchObject({ title: lecture.title_ja, description: lecture.description_ja, also: { text: lecture.title, lang: "en" } });
    expect(titlesIn(lecture, "ko")).toMatchObject({ title: lecture.title_ko, description: lecture.description_ko, also: { text: lecture.title, lang: "en" } });
    // A template without a translation falls back to English, with the Japanese title beside it if any.
    expect(titlesIn({ title: "Tiny", title_ja: "小さな例" }, "ko")).toEqual({ title: "Tiny", description: undefined, also: { text: "小さな例", lang: "ja" } });
  });
});

describe("counts in words", () => {
  it("follow each language's plural rules: one attempt, two attempts; Japanese and Korean have one form", () => {
    const en = translator("en");
    expect(en("teach.exceptions.extra", { count: 1 })).toBe("+1 attempt");
    expect(en("teach.exceptions.extra", { count: 3 })).toBe("+3 attempts");
    expect(en("teach.course.setLine", { count: 1, date: "—" })).toBe("1 exercise, due —");
    expect(`${en("teach.courseStudents", { count: 1 })} · ${en("teach.courseSets", { count: 1 })}`).toBe("1 student · 1 problem set");
    expect(en("work.extraAttempts", { count: 2 })).toBe("Your instructor gave you 2 extra attempts.");
    expect(en("result.points", { points: 0.5, count: 1 })).toBe("0.5 / 1 point");
    expect(en("result.points", { points: 2, count: 4 })).toBe("2 / 4 points");
    expect(en("teach.stats.maxScore", { count: 1 })).toBe("Maximum 1 point");
    expect(en("teach.set.pageOf", { page: 1, pages: 1, count: 1 })).toBe("Page 1 of 1 (1 student)");
    expect(en("teach.set.enrolledCount", { count: 1 })).toBe("1 student enrolled");
    expect(en("teach.set.attemptsCount", { count: 1 })).toBe("1 attempt");
    expect(en("teach.set.attemptsCount", { count: 3 })).toBe("3 attempts");
    for (const locale of ["ja", "ko"] as const) {
      const t = translator(locale);
      // One form, read for 1 as for 5 (no English fallback for a missing _one).
      expect(t("teach.set.enrolledCount", { count: 1 })).toBe(t("teach.set.enrolledCount", { count: 5 }).replace("5", "1"));
      expect(t("result.points", { points: 1, count: 1 })).not.toMatch(/point/);
      expect(t("teach.exceptions.extra", { count: 1 })).toBe(t("teach.exceptions.extra", { count: 5 }).replace("5", "1"));
      expect(t("teach.course.setLine", { count: 2, date: "x" })).toContain("2");
    }
  });
});
