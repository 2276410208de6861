"use server";
// Marking a grade-change notice seen: only the student's own (another's id is "not found" and
// changes nothing); a refusal goes back to the dashboard with a code, never an error page.
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { textField } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { requireActor } from "@/app/_lib/guard";
import { dismissNotice } from "@/lib/course/notices";
import { prisma } from "@/lib/db/client";

export async function dismissNoticeAction(form: FormData) {
  const actor = await requireActor("/dashboard");
  await refusing("/dashboard", () => dismissNotice(prisma, actor, textField(form, "noticeId", 100)));
  revalidatePath("/dashboard");
  redirect("/dashboard#notices");
}
