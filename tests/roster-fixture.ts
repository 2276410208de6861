// Rosters as Japanese instructors have them, for the roster tests (vitest and Playwright): distinct
// Japanese names (kanji, a few with kana and the CP932-only "髙"/"﨑" variants Excel users type).
const FAMILY = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "髙橋"];
const GIVEN = ["花子", "太郎", "陽翔", "結衣", "蓮", "さくら", "悠真", "美咲", "大翔", "葵", "湊", "ひなた", "樹", "凛", "山﨑"];

export interface RosterPerson {
  name: string;
  email: string;
}

/** `n` people (at most 300), each with a distinct name and an email under `tag` (so runs do not collide). */
export function japanesePeople(n: number, tag: string): RosterPerson[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `${FAMILY[i % FAMILY.length]} ${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]}`,
    email: `${tag}-${String(i + 1).padStart(3, "0")}@example.ac.jp`,
  }));
}

/** The CSV text Excel would save (a header, CRLF line ends); encode it as bytes with iconv-lite. */
export const rosterCsv = (people: RosterPerson[], header = "氏名,メールアドレス") => [header, ...people.map((p) => `${p.name},${p.email}`)].join("\r\n") + "\r\n";

/** A registrar's number for person `i` of a cohort (e.g. "2027A0001"). */
export const studentNumberOf = (i: number, cohort = "2027A") => `${cohort}${String(i + 1).padStart(4, "0")}`;

/** The CSV a registrar exports: 学籍番号,氏名,メールアドレス (or the given header) with a number per student. */
export const registrarCsv = (people: RosterPerson[], header = "学籍番号,氏名,メールアドレス", cohort = "2027A") =>
  [header, ...people.map((p, i) => `${studentNumberOf(i, cohort)},${p.name},${p.email}`)].join("\r\n") + "\r\n";
