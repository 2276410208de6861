// A reason something typed or uploaded cannot be used, as a code and the values that fill its
// slots: the domain words it in English (lib/grading/input-reasons.ts, lib/exercises/template-reasons.ts),
// the web app in the reader's language (messages "reason.<code>").
export type ReasonParams = Record<string, string | number>;

export interface Reason<Code extends string = string> {
  code: Code;
  params: ReasonParams;
}

/** `text` with each {{name}} replaced by its value. */
export function fillSlots(text: string, params: ReasonParams): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ""));
}

/** The function that words a reason of `table` in English. */
export function wording<Table extends Record<string, string>>(table: Table): (why: Reason<keyof Table & string>) => string {
  return ({ code, params }) => fillSlots(table[code], params);
}
