"use server";
// The course page's "Course staff" form posts: add a co-instructor or a TA by email, remove one.
// Instructors only (app/teach/_guard.ts); refusals go back to the staff section with a code.
import { revalidatePath } from "next/cache";
import { textField } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { prisma } from "@/lib/db/client";
import { addStaff, removeStaff } from "@/lib/teach/staff";
import { idOf, instructorCourseAction } from "./_guard";

const staffSection = (courseId: string) => `/teach/courses/${courseId}?on=staff#staff`;

export async function addStaffAction(rawCourseId: string, form: FormData) {
  const courseId = idOf(rawCourseId);
  const page = staffSection(courseId);
  const actor = await instructorCourseAction(courseId, page);
  await refusing(page, () => addStaff(prisma, actor, courseId, { email: textField(form, "email", 300), role: textField(form, "role", 20) }), { session: actor, keep: form });
  revalidatePath(`/teach/courses/${courseId}`);
}

export async function removeStaffAction(rawCourseId: string, form: FormData) {
  const courseId = idOf(rawCourseId);
  const page = staffSection(courseId);
  const actor = await instructorCourseAction(courseId, page);
  await refusing(page, () => removeStaff(prisma, actor, courseId, idOf(form.get("userId"))));
  revalidatePath(`/teach/courses/${courseId}`);
}
