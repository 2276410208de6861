// Pages call this first: the signed-in user, or a redirect to the sign-in page that comes back here.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { currentActor, type Actor } from "@/app/_lib/session.server";
import { AppError } from "@/lib/errors";

/** The page a session begun with a one-time password may open before choosing the person's own: the account page only. */
const FIRST_SIGN_IN_PAGE = "/account";

export async function requireActor(back: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  // A one-time password an instructor handed out is replaced before anything else is done (pages and form posts alike).
  if (actor.mustChoosePassword && back.split(/[?#]/)[0] !== FIRST_SIGN_IN_PAGE) redirect(`${FIRST_SIGN_IN_PAGE}?first=1`);
  return actor;
}

/** A domain lookup whose refusal (not found, not yours, not open) shows the 404 page. */
export async function orNotFound<T>(lookup: Promise<T>): Promise<T> {
  try {
    return await lookup;
  } catch (e) {
    if (e instanceof AppError) notFound();
    throw e;
  }
}
