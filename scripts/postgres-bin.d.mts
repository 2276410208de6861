// Types for postgres-bin.mjs, used from the TypeScript test setup.
export function postgresBin(): string | null;
