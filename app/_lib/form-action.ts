// The one way a form post (server action) answers a refusal: back to its page with a code the page
// words in the reader's language (a 303 for a form posted without JavaScript), never a 500 and
// never an internal error's text. Details that need more than a code (why an imported template
// was refused) are worded here and kept for the session as a one-time message (lib/auth/once.ts).
import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import { keepOnce, type SessionRef } from "@/lib/auth/once";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { reasonIn } from "@/lib/i18n";
import { requestLocale } from "@/app/_lib/i18n.server";
import type { Reason } from "@/lib/reasons";
import { formErrorCode, refusalUrl, type FormErrorCode } from "./form";

/** The one-time topic of a page's refusal details (the page's path, without query or anchor). */
export const refusalTopic = (page: string) => `form-refusal:${page.split(/[?#]/)[0]}`;

/** The one-time topic of what was typed into a refused form of a page. */
export const typedTopic = (page: string) => `form-typed:${page.split(/[?#]/)[0]}`;

/** What a refused form held, by field name, to fill it again (lib/auth/once.ts keeps it 15 minutes). */
export type Typed = Record<string, string[]>;

/** Bounds on what is kept: a pasted template can be large, a form's fields are not many. */
const TYPED_MAX_CHARS = 250_000;
const TYPED_MAX_FIELDS = 200;

/** The text fields of a form, never a password or a file, within the bounds above. */
export function typedOf(form: FormData): Typed {
  const typed: Typed = {};
  let chars = 0;
  let fields = 0;
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name.startsWith("$ACTION") || /password/i.test(name)) continue;
    if (++fields > TYPED_MAX_FIELDS || (chars += name.length + value.length) > TYPED_MAX_CHARS) break;
    (typed[name] ??= []).push(value);
  }
  return typed;
}

export interface RefusalOptions {
  /** This action's own code per kind of error ("no such student" rather than "not found"). */
  codes?: Partial<Record<AppError["code"], FormErrorCode>>;
  /** The session to keep the error's details for, worded (none: the code alone). */
  session?: SessionRef;
  /** The form to fill again when it is refused (kept for `session`, shown once). */
  keep?: FormData;
}

/** Runs the work of a form post; a refusal redirects to `page` with its code. */
export async function refusing<T>(page: string, work: () => Promise<T>, options: RefusalOptions = {}): Promise<T> {
  try {
    return await work();
  } catch (e) {
    unstable_rethrow(e); // redirect() and notFound() inside the work
    if (!(e instanceof AppError)) {
      console.error(e);
      redirect(refusalUrl(page, "unexpected"));
    }
    const code = formErrorCode(e, options.codes);
    if (options.session && options.keep) {
      try {
        await keepOnce(prisma, options.session, typedTopic(page), typedOf(options.keep));
      } catch (stored) {
        console.error(stored); // the refusal still shows; the form comes back empty
      }
    }
    const details = Object.entries(e.details ?? {});
    if (options.session && details.length) {
      // Each key at fault (a template's JSON key), and why when the reason has a code to word it by;
      // a check's own English is left out.
      const locale = await requestLocale();
      const line = ([key, why]: [string, string | Reason]) => (typeof why === "string" ? key : `${key}: ${reasonIn(locale, why)}`);
      try {
        await keepOnce(prisma, options.session, refusalTopic(page), details.slice(0, 20).map(line));
      } catch (stored) {
        console.error(stored); // the code alone still says what went wrong
      }
    }
    redirect(refusalUrl(page, code, e));
  }
}
