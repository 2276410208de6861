"use server";
// The instructor's form posts. Each checks who is asking, reads its fields defensively, and answers
// a refusal by going back to its page with a code (app/_lib/form-action.ts): missing or bad fields
// never make a 500, and no error's own text reaches the page.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { textField, textFields } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { kickJobs } from "@/lib/run/app";
import { enqueueImport } from "@/lib/teach/roster-import";
import { waitForJob } from "@/lib/jobs/runner";
import { createCourse, MAX_CSV, removeStudent, zoneOfCourse, zoneOfSet } from "@/lib/teach/courses";
import { reissuePasswords, resetStudentPassword } from "@/lib/teach/roster-passwords";
import { createSet, importTemplate, updateRules } from "@/lib/teach/sets";
import { idOf, instructorCourseAction, instructorSetAction, requireInstructorPage } from "./_guard";
import { rulesFromForm } from "./_rules-fields";

const coursePage = (courseId: string) => `/teach/courses/${courseId}`;

export async function createCourseAction(form: FormData) {
  const actor = await requireInstructorPage("/teach");
  const course = await refusing("/teach", () => createCourse(prisma, actor, { title: textField(form, "title", 1000), timeZone: textField(form, "timeZone", 64) }), { session: actor, keep: form });
  redirect(coursePage(course.id));
}

/** The course an action changes: the 404 page when the asker is not on its staff, "forbidden" for a TA (app/teach/_guard.ts). */
async function taughtCourse(rawCourseId: unknown) {
  const courseId = idOf(rawCourseId);
  const actor = await instructorCourseAction(courseId, coursePage(courseId));
  return { actor, courseId, page: coursePage(courseId) };
}

/** How long the import form waits for its job: a few students are added by then, and the page shows the report at once. */
const IMPORT_WAIT_MS = 2_000;

/**
 * Adds students from CSV, as a job (lib/teach/roster-import.ts): the course page shows its progress, then
 * the report (initial passwords included), kept for this session and shown once.
 */
export async function importCsvAction(rawCourseId: string, form: FormData) {
  const { actor, courseId, page: coursePath } = await taughtCourse(rawCourseId);
  const page = `${coursePath}?on=add-students#add-students`;
  const job = await refusing(page, async () => {
    const file = form.get("file");
    if (file instanceof File && file.size > MAX_CSV) throw new AppError("INVALID_INPUT", "the CSV is larger than 200 KB", { csv: "larger than 200 KB" }, "formError.csvTooLarge");
    // A file is passed on as its bytes: it may be Shift_JIS (Excel in Japan), which File.text() would spoil.
    const input = file instanceof File && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : textField(form, "csv", 1_000_000);
    return enqueueImport(prisma, actor, courseId, input);
  }, { session: actor, keep: form });
  kickJobs();
  await waitForJob(prisma, job.id, IMPORT_WAIT_MS);
  revalidatePath(coursePath);
}

export async function removeStudentAction(rawCourseId: string, form: FormData) {
  const { actor, courseId, page } = await taughtCourse(rawCourseId);
  await refusing(page, () => removeStudent(prisma, actor, courseId, idOf(form.get("userId"))), { codes: { NOT_FOUND: "noStudent" } });
  revalidatePath(page);
}

/** A new one-time password for a student of the course, shown once on the course page and added to the session's download. */
export async function resetPasswordAction(rawCourseId: string, form: FormData) {
  const { actor, courseId, page } = await taughtCourse(rawCourseId);
  await refusing(page, () => resetStudentPassword(prisma, actor, courseId, idOf(form.get("userId"))), { codes: { NOT_FOUND: "noStudent" } });
  revalidatePath(page);
}

/** A sheet of new one-time passwords: for the ticked students, or every one still on a one-time password. */
export async function reissuePasswordsAction(rawCourseId: string, form: FormData) {
  const { actor, courseId, page } = await taughtCourse(rawCourseId);
  const which = textField(form, "which", 20) === "unchanged" ? ({ unchanged: true } as const) : { userIds: textFields(form, "userIds").slice(0, 1000) };
  const { count } = await refusing(`${page}#roster`, async () => {
    if (textField(form, "confirm", 10) !== "yes") throw new AppError("INVALID_INPUT", "confirm: tick the box first", { confirm: "required" }, "errors.confirmFirst");
    return reissuePasswords(prisma, actor, courseId, which);
  });
  redirect(`${page}?reissued=${count}#roster`);
}

/** The template pasted as JSON (if any), refused with its reasons (kept for this session) before anything is created. */
async function checkedTemplateJson(page: string, form: FormData, session: { id: string; sessionId: string }): Promise<string[]> {
  return refusing(
    page,
    async () => {
      const json = textField(form, "templateJson", 200_000).trim();
      if (json) importTemplate(json);
      return json ? [json] : [];
    },
    { codes: { INVALID_INPUT: "badTemplate" }, session, keep: form },
  );
}

export async function newSetAction(rawCourseId: string, form: FormData) {
  const { actor, courseId, page: coursePath } = await taughtCourse(rawCourseId);
  // Refusals come back to the form's own section, the form filled as it was typed.
  const page = `${coursePath}?on=new-set#new-set`;
  const templatesJson = await checkedTemplateJson(page, form, actor);
  // The form's draft-or-published choice; a post without one publishes, as the domain's default.
  const status = textField(form, "status", 20) || undefined;
  const zone = await zoneOfCourse(prisma, courseId);
  const set = await refusing(page, () => createSet(prisma, actor, courseId, { title: textField(form, "title", 1000), templateIds: textFields(form, "templateIds"), templatesJson, status, ...rulesFromForm(form, zone) }), { session: actor, keep: form });
  redirect(`/teach/sets/${set.id}`);
}

/** The template builder's "use it": a new set of the designed template. */
export async function useTemplateAction(rawCourseId: string, form: FormData) {
  const { actor, courseId, page } = await taughtCourse(rawCourseId);
  const templatesJson = await checkedTemplateJson(page, form, actor);
  const set = await refusing(page, () =>
    // A draft: the instructor gives it a due date and publishes it from its page (never straight to every student).
    createSet(prisma, actor, courseId, { title: textField(form, "setTitle", 1000), templatesJson, attemptsAllowed: textField(form, "attemptsAllowed", 20), revealPolicy: "after_last_attempt_or_due", carriedCredit: 1, status: "draft" }),
  );
  redirect(`/teach/sets/${set.id}`);
}

export async function saveRulesAction(rawSetId: string, form: FormData) {
  const setId = idOf(rawSetId);
  const page = `/teach/sets/${setId}`;
  const actor = await instructorSetAction(setId, `${page}#rules`);
  const zone = await zoneOfSet(prisma, setId);
  const { regradeJobId } = await refusing(`${page}?on=rules#rules`, () => updateRules(prisma, actor, setId, rulesFromForm(form, zone)), { session: actor, keep: form });
  // The regrade runs as a job; the set's page shows its progress.
  if (regradeJobId) kickJobs();
  revalidatePath(page);
}
