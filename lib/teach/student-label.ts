// How the course's staff see a student wherever they pick or list one: the name, with the
// registrar's number when there is one, and with the email when another student of the course
// has the same name and no number tells them apart (17 pairs in a realistic class of 300).
export interface Listed {
  name: string;
  email: string;
  studentNumber?: string | null;
}

/** The names that more than one of `people` has. */
export function sharedNames(people: readonly Listed[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const p of people) (seen.has(p.name) ? twice : seen).add(p.name);
  return twice;
}

/** "佐藤 花子 (2027A0001)", "佐藤 花子 (sato@…)" when the name is shared and unnumbered, else the name. */
export function studentLabel(p: Listed, shared: ReadonlySet<string>): string {
  if (p.studentNumber) return `${p.name} (${p.studentNumber})`;
  return shared.has(p.name) ? `${p.name} (${p.email})` : p.name;
}

/** Each of `people` with its label, the shared names counted among them. */
export function labelled<T extends Listed>(people: readonly T[]): (T & { label: string })[] {
  const shared = sharedNames(people);
  return people.map((p) => ({ ...p, label: studentLabel(p, shared) }));
}
