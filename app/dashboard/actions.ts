"use server";
// Joining a course by its code. The page is told which course by its id (it shows the title it
// finds among the student's courses), never by text a link could carry.
import { redirect } from "next/navigation";
import { textField } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { requireActor } from "@/app/_lib/guard";
import { joinCourse } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";

export async function joinAction(form: FormData) {
  const actor = await requireActor("/dashboard");
  const course = await refusing("/dashboard", () => joinCourse(prisma, actor, textField(form, "code", 1000).slice(0, 40)), { codes: { NOT_FOUND: "badCode", INVALID_INPUT: "badCode" } });
  redirect(`/dashboard?joined=${encodeURIComponent(course.id)}`);
}
