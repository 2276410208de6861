// The floor app starts nothing (without this file the build takes the repository's instrumentation.ts).
export function register() {}
