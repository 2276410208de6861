"use server";
// Form posts of a set's and a course's life: a set's status, deleting a set (from its confirmation
// page), copying a course to a new term, removing a student (from its confirmation page). Each is
// for the course's instructors (app/teach/_guard.ts): anyone else not on its staff gets the 404
// page, a teaching assistant "forbidden". Refusals go back to the page with a code.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { textField } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { prisma } from "@/lib/db/client";
import { copyCourse, removeStudent } from "@/lib/teach/courses";
import { changeSetStatus, deleteSet } from "@/lib/teach/set-life";
import { idOf, instructorCourseAction, instructorSetAction } from "./_guard";
import { userIdOf } from "./_user-id";

const setPage = (setId: string) => `/teach/sets/${setId}`;

const coursePage = (courseId: string) => `/teach/courses/${courseId}`;

export async function setStatusAction(rawSetId: string, form: FormData) {
  const setId = idOf(rawSetId);
  const page = `${setPage(setId)}#rules`;
  const actor = await instructorSetAction(setId, page);
  await refusing(page, () => changeSetStatus(prisma, actor, setId, { status: textField(form, "status", 20) }));
  revalidatePath(setPage(setId));
}

/** The confirmation page's "delete": back to the course, whose list no longer has the set. */
export async function deleteSetAction(rawSetId: string) {
  const setId = idOf(rawSetId);
  const page = `${setPage(setId)}/delete`;
  const actor = await instructorSetAction(setId, page);
  const { courseId } = await refusing(page, () => deleteSet(prisma, actor, setId));
  revalidatePath(coursePage(courseId));
  redirect(`${coursePage(courseId)}?deleted=1`);
}

/** "Copy to a new term": the copy's page, its sets drafts with their dates moved. */
export async function copyCourseAction(rawCourseId: string, form: FormData) {
  const courseId = idOf(rawCourseId);
  const page = `${coursePage(courseId)}?on=copy#copy`;
  const actor = await instructorCourseAction(courseId, page);
  const copy = await refusing(page, () => copyCourse(prisma, actor, courseId, { title: textField(form, "title", 1000), offsetDays: textField(form, "offsetDays", 20) }), { session: actor, keep: form });
  redirect(coursePage(copy.id));
}

/** The removal confirmation page's answer: "keep" (the default) keeps the student's work in the statistics. */
export async function confirmRemoveStudentAction(rawCourseId: string, form: FormData) {
  const courseId = idOf(rawCourseId);
  const page = `${coursePage(courseId)}#roster`;
  const actor = await instructorCourseAction(courseId, page);
  const counts = textField(form, "countsInStats", 10);
  await refusing(page, () => removeStudent(prisma, actor, courseId, userIdOf(form.get("userId")), { countsInStats: counts === "drop" ? false : counts === "keep" || counts === "" ? true : counts }), { codes: { NOT_FOUND: "noStudent" } });
  revalidatePath(coursePage(courseId));
  redirect(`${coursePage(courseId)}#roster`);
}
