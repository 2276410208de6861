// A reason something typed or uploaded cannot be used, as a code and the values that fill its
// slots: the domain words it in English (lib/grading/input-reasons.ts, lib/exercises/template-reasons.ts),
// the web app in the reader's language (messages "reason.<code>").
export type ReasonParams = Record<string, string | number>;

export interface Reason<Code extends string = string> {
  code: Code;
  params: ReasonParams;
  /** The reasons behind this one and how often each occurred (why the draws of a template were
   *  rejected): worded, in the same language, into the message's {{reasons}} slot. */
  causes?: Cause[];
}

/** A reason behind another, met `count` times in `of`. */
export interface Cause {
  reason: Reason;
  count: number;
  of: number;
}

/** The {{reasons}} slot of a reason with causes: each cause worded by `word`, with how often it occurred. */
export function causesText(causes: Cause[], word: (why: Reason) => string): string {
  return causes.map((c) => `${word(c.reason)} (${c.count}/${c.of})`).join("; ");
}

/** `text` with each {{name}} replaced by its value. */
export function fillSlots(text: string, params: ReasonParams): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ""));
}

/** The function that words a reason of `table` in English. */
export function wording<Table extends Record<string, string>>(table: Table): (why: Reason<keyof Table & string>) => string {
  const word = ({ code, params, causes }: Reason<keyof Table & string>): string =>
    fillSlots(table[code], causes ? { ...params, reasons: causesText(causes, (r) => word(r as Reason<keyof Table & string>)) } : params);
  return word;
}
