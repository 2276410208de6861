"use server";
// The set page's "Exceptions and manual scores" forms: one student's extension or extra attempts,
// and a score given by hand to one exercise, each with a reason. Instructors only
// (app/teach/_guard.ts: a TA is sent back with "forbidden", anyone else gets the 404 page).
// Refusals go back to the section with a code the page words in the reader's language.
import { revalidatePath } from "next/cache";
import { textField } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { prisma } from "@/lib/db/client";
import { kickJobs } from "@/lib/run/app";
import { giveManualScore, grantException, withdrawException, withdrawManualScore } from "@/lib/teach/exceptions";
import { idOf, instructorSetAction, zonedField } from "./_guard";
import { zoneOfSet } from "@/lib/teach/courses";

/** A student's id as the form posts it: any account id (those made by SSO or LTI too), looked up by the domain. */
const studentIdOf = (form: FormData) => textField(form, "userId", 200);

const section = (setId: string) => `/teach/sets/${setId}?on=exceptions#exceptions`;

/** The instructor of the set, and the page a refusal goes back to. */
async function instructorOf(rawSetId: string) {
  const setId = idOf(rawSetId);
  const page = section(setId);
  return { setId, page, actor: await instructorSetAction(setId, page) };
}

export async function grantExceptionAction(rawSetId: string, form: FormData) {
  const { setId, page, actor } = await instructorOf(rawSetId);
  const zone = await zoneOfSet(prisma, setId);
  await refusing(page, () =>
    grantException(prisma, actor, setId, {
      userId: studentIdOf(form),
      dueAt: zonedField(textField(form, "dueAt", 40), zone),
      extraAttempts: textField(form, "extraAttempts", 10) || "0",
      reason: textField(form, "reason", 500),
    }),
    { session: actor, keep: form },
  );
  revalidatePath(`/teach/sets/${setId}`);
}

export async function withdrawExceptionAction(rawSetId: string, form: FormData) {
  const { setId, page, actor } = await instructorOf(rawSetId);
  await refusing(page, () => withdrawException(prisma, actor, setId, studentIdOf(form)));
  revalidatePath(`/teach/sets/${setId}`);
}

/** The item must belong to this set: the form names both, and the domain checks the item's own set. */
export async function giveManualScoreAction(rawSetId: string, form: FormData) {
  const { setId, page, actor } = await instructorOf(rawSetId);
  await refusing(page, () =>
    giveManualScore(prisma, actor, idOf(form.get("itemId")), {
      userId: studentIdOf(form),
      score: textField(form, "score", 20),
      maxScore: textField(form, "maxScore", 20),
      reason: textField(form, "reason", 500),
    }),
    { session: actor, keep: form },
  );
  // The LMS score it queued goes out with the job runner.
  kickJobs();
  revalidatePath(`/teach/sets/${setId}`);
}

export async function withdrawManualScoreAction(rawSetId: string, form: FormData) {
  const { setId, page, actor } = await instructorOf(rawSetId);
  await refusing(page, () => withdrawManualScore(prisma, actor, idOf(form.get("itemId")), studentIdOf(form)));
  kickJobs();
  revalidatePath(`/teach/sets/${setId}`);
}
