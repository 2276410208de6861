// Pages call this first: the signed-in user, or a redirect to the sign-in page that comes back here.
import "server-only";
import { redirect } from "next/navigation";
import { currentActor, type Actor } from "@/lib/auth/session";

export async function requireActor(back: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(back)}`);
  return actor;
}
