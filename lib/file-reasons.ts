// Why an uploaded file (a roster) cannot be read, in English: the codes of lib/reasons.ts worded,
// translated as messages "reason.<code>" in the other languages.
export const FILE_REASONS = {
  rosterFound: "its first line has “{{found}}”",
} as const;
