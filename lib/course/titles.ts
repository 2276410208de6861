// Exercise titles in the reader's language (the rule is in lib/exercises/titles.ts), for the pages
// that name a student's exercises: the dashboard and the exercise page.
import { LRUCache } from "lru-cache";
import type { PrismaClient } from "../db/generated/client";
import { builtinTemplate } from "../exercises/builtin";
import { shownTitle, titleFieldsOf, type TitleFields } from "../exercises/titles";

type Db = PrismaClient;

/**
 * Each item's stored title and the title fields of its template copy, by item id. An item is
 * written once when its set is made and never edited, so it is kept here after the first read:
 * the dashboard asks for the same few items at every visit.
 */
type Named = { title: string; fields: TitleFields | null };
const namedItems = new LRUCache<string, Named>({ max: 5000 });

async function itemsNamed(db: Db, itemIds: readonly string[]): Promise<Map<string, Named>> {
  const missing = [...new Set(itemIds)].filter((id) => !namedItems.has(id));
  if (missing.length > 0) {
    const rows = await db.problemSetItem.findMany({ where: { id: { in: missing } }, select: { id: true, title: true, templateJson: true } });
    for (const r of rows) namedItems.set(r.id, { title: r.title, fields: titleFieldsOf(r.templateJson) });
  }
  return new Map(itemIds.flatMap((id) => {
    const named = namedItems.get(id);
    return named ? [[id, named] as const] : [];
  }));
}

/** Each item's title as a reader of `locale` sees it, by item id (its stored title when the item is gone). */
export async function itemTitlesIn(db: Db, items: readonly { id: string; title: string }[], locale: string): Promise<Map<string, string>> {
  const named = await itemsNamed(db, items.map((i) => i.id));
  return new Map(items.map((i) => [i.id, shownTitle(i.title, named.get(i.id)?.fields, locale).title]));
}

/**
 * One item's title in `locale`, by id alone, or null when there is no such item. For a page the
 * student may already see the item on (a set not open yet names its exercises on the dashboard).
 */
export async function itemTitleIn(db: Db, itemId: string, locale: string): Promise<string | null> {
  const named = (await itemsNamed(db, [itemId])).get(itemId);
  return named ? shownTitle(named.title, named.fields, locale).title : null;
}

/**
 * The title of a student's variant in `locale`: its item's (as above), or for practice the
 * built-in template it was drawn from, named in the exercise's JSON ("title", "template").
 */
export async function variantTitleIn(db: Db, variant: { exerciseJson: string; item: { id: string; title: string } | null }, locale: string): Promise<string> {
  if (variant.item) return (await itemTitlesIn(db, [variant.item], locale)).get(variant.item.id) ?? variant.item.title;
  return practiceTitleIn(variant.exerciseJson, locale);
}

/** A practice exercise's title: the built-in template's, in `locale`, when the exercise carries its title. */
export function practiceTitleIn(exerciseJson: string, locale: string): string {
  let meta: { title?: unknown; template?: unknown } = {};
  try {
    meta = JSON.parse(exerciseJson) as typeof meta;
  } catch {}
  const stored = typeof meta.title === "string" ? meta.title : "";
  const template = typeof meta.template === "string" ? builtinTemplate(meta.template) : undefined;
  return shownTitle(stored, template, locale).title;
}
