// A user id from a form field or an address. Accounts made by scripts, seeds and tests have ids
// outside the cuid alphabet that app/teach/_guard.ts's idOf accepts (an email inside, say), and a
// student's removal must reach them too; the id is only ever a query parameter.
export const userIdOf = (x: unknown): string => (typeof x === "string" && x.length <= 200 && /^[\x21-\x7e]+$/.test(x) ? x : "");
