// Which title a student reads for an exercise of a problem set or of practice.
//
// The rule. A problem-set item stores a title (ProblemSetItem.title) beside its copy of the
// template (ProblemSetItem.templateJson). When the stored title is the template's own English
// title (or one of its translations), it was copied from the template, so it follows the reader's
// language: title_ja for a Japanese reader, title_ko for a Korean one, English when the template
// has no such translation. When it differs, an instructor typed it for this course: it is shown as
// typed, in every language, since we cannot translate what they wrote and they chose those words.
// The description has no instructor's version: it always comes from the template, in the
// reader's language (English when there is none).
import { titlesIn, type Template } from "./template";

/** The title and description fields of a template, all an exercise's name needs. */
export type TitleFields = Pick<Template, "title" | "title_ja" | "title_ko" | "description" | "description_ja" | "description_ko">;

const KEYS = ["title", "title_ja", "title_ko", "description", "description_ja", "description_ko"] as const;

/**
 * The title fields of a stored template or exercise (JSON text), strings only; null when it has
 * no title or is not JSON. Anything else in it is ignored.
 */
export function titleFieldsOf(json: string): TitleFields | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== "object" || raw === null) return null;
  const fields: Partial<Record<(typeof KEYS)[number], string>> = {};
  for (const k of KEYS) {
    const v = (raw as Record<string, unknown>)[k];
    if (typeof v === "string" && v !== "") fields[k] = v;
  }
  return fields.title ? (fields as TitleFields) : null;
}

/**
 * The title and description shown for an exercise whose stored title is `stored`, made from
 * `template` (null when unknown), to a reader of `locale`: see the rule above.
 */
export function shownTitle(stored: string, template: TitleFields | null | undefined, locale: string): { title: string; description?: string } {
  if (!template) return { title: stored };
  const { title, description } = titlesIn(template, locale);
  // Any of the template's own titles counts as copied (a course copied between languages keeps it).
  const copied = stored === template.title || stored === template.title_ja || stored === template.title_ko;
  return { title: copied ? title : stored, ...(description ? { description } : {}) };
}
