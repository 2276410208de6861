"use server";
// The set page's "Paper work" form: a class's transcripts of one exercise (files or a zip), read
// and graded as a durable job (lib/teach/paper.ts). Instructors only; a refusal goes back to the
// section with its message.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { textField } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { waitForJob } from "@/lib/jobs/runner";
import { kickJobs } from "@/lib/run/app";
import { enqueuePaper } from "@/lib/teach/paper";
import { MAX_PAPER_FILES, MAX_PAPER_UPLOAD } from "@/lib/teach/paper-files";
import { idOf, instructorSetAction } from "./_guard";

/** How long the form waits for its job: a few transcripts are graded by then, and the report shows at once. */
const PAPER_WAIT_MS = 3_000;

export async function uploadPaperAction(rawSetId: string, form: FormData) {
  const setId = idOf(rawSetId);
  const page = `/teach/sets/${setId}?on=paper#paper`;
  const actor = await instructorSetAction(setId, page);
  const job = await refusing(
    page,
    async () => {
      const files = form.getAll("files").filter((f): f is File => f instanceof File && f.size > 0);
      if (files.length > MAX_PAPER_FILES || files.reduce((s, f) => s + f.size, 0) > MAX_PAPER_UPLOAD) throw new AppError("PAYLOAD_TOO_LARGE", "the upload is too large", { files: "too large" }, "errors.paperTooLarge");
      const uploads = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const itemId = textField(form, "itemId", 100);
      // The item must be this set's: the domain checks the teacher, this checks the pairing.
      const item = await prisma.problemSetItem.findFirst({ where: { id: itemId, problemSetId: setId }, select: { id: true } });
      if (!item) throw new AppError("NOT_FOUND", "no such exercise in this set");
      return enqueuePaper(prisma, actor, item.id, uploads);
    },
    { session: actor },
  );
  kickJobs();
  await waitForJob(prisma, job.id, PAPER_WAIT_MS);
  revalidatePath(`/teach/sets/${setId}`);
  redirect(`/teach/sets/${setId}#paper`);
}
