// Pages call this first: the signed-in user, or a redirect to the sign-in page that comes back here.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { currentActor, type Actor } from "@/app/_lib/session.server";
import { AppError } from "@/lib/errors";

export async function requireActor(back: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
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
