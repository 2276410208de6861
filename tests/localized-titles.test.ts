// Exercise titles in the reader's language: a title copied from a template follows the reader, an
// instructor's own title is shown as typed (lib/exercises/titles.ts), on the dashboard's sets and
// history and on the exercise page, for problem sets and practice alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../lib/course/demo";
import { studentDashboard, submissionHistory } from "../lib/course/dashboard";
import { unseenNotices } from "../lib/course/notices";
import { itemTitleIn, itemTitlesIn, practiceTitleIn, variantTitleIn } from "../lib/course/titles";
import { openItem, startPractice, submitAnswers } from "../lib/course/work";
import { workView } from "../lib/course/reveal";
import { builtinTemplate } from "../lib/exercises/builtin";
import { shownTitle, titleFieldsOf } from "../lib/exercises/titles";
import { freshDb } from "./db";

const lecture = builtinTemplate("lecture-2-3-3-2")!;
const db = await freshDb("localized-titles");

describe("the title a reader sees (pure)", () => {
  it("follows the reader's language for a title copied from the template", () => {
    expect(shownTitle(lecture.title, lecture, "ja")).toEqual({ title: lecture.title_ja, description: lecture.description_ja });
    expect(shownTitle(lecture.title, lecture, "ko")).toEqual({ title: lecture.title_ko, description: lecture.description_ko });
    expect(shownTitle(lecture.title, lecture, "en")).toEqual({ title: lecture.title, description: lecture.description });
    // A copy made under its Japanese title is still the template's title.
    expect(shownTitle(lecture.title_ja!, lecture, "en").title).toBe(lecture.title);
  });

  it("keeps an instructor's own title as typed, in every language, with the template's description", () => {
    for (const locale of ["en", "ja", "ko"]) {
      const shown = shownTitle("Quiz 3: my own network", lecture, locale);
      expect(shown.title).toBe("Quiz 3: my own network");
    }
    expect(shownTitle("Quiz 3", lecture, "ja").description).toBe(lecture.description_ja);
  });

  it("falls back to English where a template has no translation, and to the stored title without a template", () => {
    expect(shownTitle("Tiny", { title: "Tiny", title_ja: "小さな例" }, "ko")).toEqual({ title: "Tiny" });
    expect(shownTitle("Tiny", { title: "Tiny", title_ja: "小さな例" }, "ja")).toEqual({ title: "小さな例" });
    expect(shownTitle("Stored", null, "ja")).toEqual({ title: "Stored" });
  });

  it("reads only string title fields from stored JSON, and nothing from JSON that is not a template", () => {
    expect(titleFieldsOf(JSON.stringify({ title: "A", title_ja: "あ", title_ko: 3, random: { x: 1 } }))).toEqual({ title: "A", title_ja: "あ" });
    expect(titleFieldsOf("not json")).toBeNull();
    expect(titleFieldsOf("[1,2]")).toBeNull();
    expect(titleFieldsOf(JSON.stringify({ title_ja: "あ" }))).toBeNull();
  });
});

describe("titles on the student's pages (database)", () => {
  let alice: { id: string; role: "student" };
  let problemSetId: string;

  beforeAll(async () => {
    ({ problemSetId } = await seedDemo(db));
    alice = { id: (await db.user.findUniqueOrThrow({ where: { email: "alice@handprop.test" } })).id, role: "student" };
  });
  afterAll(() => db.$disconnect());

  it("names the dashboard's exercises and history in Japanese for a Japanese reader", async () => {
    const [course] = await studentDashboard(db, alice);
    const items = course.sets[0].items;
    const ja = await itemTitlesIn(db, items, "ja");
    const stored = await db.problemSetItem.findMany({ where: { problemSetId }, orderBy: { position: "asc" } });
    for (const item of stored) {
      const template = JSON.parse(item.templateJson) as { title_ja: string; title_ko: string };
      expect(ja.get(item.id)).toBe(template.title_ja);
      expect((await itemTitlesIn(db, [item], "ko")).get(item.id)).toBe(template.title_ko);
      expect((await itemTitlesIn(db, [item], "en")).get(item.id)).toBe(item.title);
    }
    // The history names the same exercise the same way (it carries the item's id).
    const v = await openItem(db, alice, items[0].id);
    await submitAnswers(db, alice, v.id, { "steps[0].loss": [["1"]] }, "titles-alice-0001");
    const [last] = await submissionHistory(db, alice);
    expect(last.variant.item?.id).toBe(items[0].id);
    expect((await itemTitlesIn(db, [last.variant.item!], "ja")).get(items[0].id)).toBe(ja.get(items[0].id));
  });

  it("shows an instructor's own item title as typed, and the exercise page agrees", async () => {
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId, position: 1 } });
    // An item whose stored title differs from its template's: what an instructor would have typed.
    // (Written straight to the table: items are otherwise never edited, so this one is made afresh.)
    const own = await db.problemSetItem.create({ data: { problemSetId, position: 99, templateId: item.templateId, templateJson: item.templateJson, title: "小テスト：自分で決めた題" } });
    expect((await itemTitlesIn(db, [own], "en")).get(own.id)).toBe("小テスト：自分で決めた題");
    const v = await openItem(db, alice, own.id);
    const { variant } = await workView(db, alice, v.id);
    expect(await variantTitleIn(db, variant, "ko")).toBe("小テスト：自分で決めた題");
    const copied = await openItem(db, alice, item.id);
    const page = await workView(db, alice, copied.id);
    expect(await variantTitleIn(db, page.variant, "ja")).toBe((JSON.parse(item.templateJson) as { title_ja: string }).title_ja);
  });

  it("names an item by its id alone (the page of a set not open yet), and nothing for an unknown id", async () => {
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId, position: 2 } });
    expect(await itemTitleIn(db, item.id, "ko")).toBe((JSON.parse(item.templateJson) as { title_ko: string }).title_ko);
    expect(await itemTitleIn(db, "no-such-item", "ja")).toBeNull();
  });

  it("gives a grade notice its exercise's item, so the dashboard names it in the reader's language", async () => {
    const item = await db.problemSetItem.findFirstOrThrow({ where: { problemSetId, position: 0 } });
    await db.gradeNotice.create({ data: { userId: alice.id, problemSetId, itemId: item.id, kind: "regrade", before: 6, after: 5, maxScore: 10, reason: "rules" } });
    const [notice] = await unseenNotices(db, alice);
    expect(notice).toMatchObject({ itemId: item.id, exercise: item.title });
    const ja = await itemTitlesIn(db, [{ id: notice.itemId!, title: notice.exercise! }], "ja");
    expect(ja.get(item.id)).toBe((JSON.parse(item.templateJson) as { title_ja: string }).title_ja);
  });

  it("names a practice exercise from its built-in template, in the reader's language", async () => {
    const v = await startPractice(db, alice, "lecture-2-3-3-2");
    const drawnFrom = builtinTemplate((JSON.parse(v.exerciseJson) as { template: string }).template)!;
    expect(drawnFrom.title_ja).toBeTruthy();
    expect(await variantTitleIn(db, { exerciseJson: v.exerciseJson, item: null }, "ja")).toBe(drawnFrom.title_ja);
    expect(practiceTitleIn(v.exerciseJson, "en")).toBe(drawnFrom.title);
    expect(practiceTitleIn("{}", "ja")).toBe("");
  });
});
