// What a server action or a page loader answers, as the browser would see it: a redirect, an error
// page (404, 403...), or done. Anything else it throws fails the test, as it would be a 500.
import { getAccessFallbackHTTPStatus, isHTTPAccessFallbackError } from "next/dist/client/components/http-access-fallback/http-access-fallback";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";
import { isRedirectError } from "next/dist/client/components/redirect-error";

export type Answer<T = true> = { redirect: string } | { status: number } | { done: T };

export async function answerOf<T>(run: () => Promise<T>): Promise<Answer<T>> {
  try {
    return { done: await run() };
  } catch (e) {
    if (isRedirectError(e)) return { redirect: getURLFromRedirectError(e) };
    if (isHTTPAccessFallbackError(e)) return { status: getAccessFallbackHTTPStatus(e) };
    throw e;
  }
}
