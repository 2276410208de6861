"use server";
// Starting a practice variant: an unknown or missing template goes back to the list with a code.
import { redirect } from "next/navigation";
import { textField } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { requireActor } from "@/app/_lib/guard";
import { startPractice } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";

export async function startPracticeAction(form: FormData) {
  const actor = await requireActor("/practice");
  const v = await refusing("/practice", () => startPractice(prisma, actor, textField(form, "template", 200)), { codes: { NOT_FOUND: "noTemplate", INVALID_INPUT: "noTemplate" } });
  redirect(`/work/${v.id}`);
}
