"use server";
// The LTI admin page's form posts: registering and removing a platform, asking for a roster sync,
// and joining an LMS course to an existing one (a link code made on the LMS side, redeemed by the
// handprop account; the roster's matches confirmed by the instructor).
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { kickJobs } from "@/lib/run/app";
import { requestRosterSync } from "@/lib/lti/nrps";
import { registerPlatform, removePlatform } from "@/lib/lti/platforms";
import { confirmMatches, linkCodeTopic, linkToken, redeemLinkToken } from "@/lib/lti/joining";
import { keepOnce } from "@/lib/auth/once";
import { textField, textFields } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { requireInstructorPage } from "../_guard";

const PAGE = "/teach/lti";
const FIELDS = ["name", "issuer", "clientId", "deploymentIds", "authLoginUrl", "tokenUrl", "jwksUrl"] as const;

export async function registerPlatformAction(form: FormData) {
  const actor = await requireInstructorPage(PAGE);
  const raw = Object.fromEntries(FIELDS.map((f) => [f, textField(form, f, 4000)]));
  await refusing(PAGE, () => registerPlatform(prisma, actor, raw));
  redirect(`${PAGE}?saved=1`);
}

export async function syncRosterAction(form: FormData) {
  const actor = await requireInstructorPage(PAGE);
  await refusing(PAGE, () => requestRosterSync(prisma, actor, textField(form, "context", 100)));
  kickJobs();
  redirect(`${PAGE}?sync=1`);
}

/** "Make a link code" for an LMS course: shown once on the page, to this session only (it is a bearer secret). */
export async function makeLinkCodeAction(form: FormData) {
  const actor = await requireInstructorPage(PAGE);
  const contextId = textField(form, "context", 100);
  await refusing(PAGE, async () => keepOnce(prisma, actor, linkCodeTopic(contextId), await linkToken(prisma, actor, contextId)));
  redirect(`${PAGE}?code=${encodeURIComponent(contextId)}#link-code`);
}

/** Redeems a link code in the handprop account: the LMS course joins the chosen course. */
export async function redeemLinkCodeAction(form: FormData) {
  const actor = await requireInstructorPage(PAGE);
  const courseId = textField(form, "courseId", 100);
  await refusing(`${PAGE}#redeem`, () => redeemLinkToken(prisma, actor, textField(form, "token", 2000), courseId), { session: actor, keep: form });
  redirect(`/teach/courses/${encodeURIComponent(courseId)}?linked=1`);
}

/** The instructor's confirmation of the ticked roster matches (each matched again on the server). */
export async function confirmMatchesAction(form: FormData) {
  const actor = await requireInstructorPage(PAGE);
  const contextId = textField(form, "context", 100);
  const page = `${PAGE}/contexts/${encodeURIComponent(contextId)}`;
  const { joined, skipped } = await refusing(page, () => confirmMatches(prisma, actor, contextId, textFields(form, "subjects", 2000)));
  redirect(`${page}?joined=${joined}&skipped=${skipped}`);
}

/** Removes a platform after its name was typed. */
export async function removePlatformAction(form: FormData) {
  const actor = await requireInstructorPage(PAGE);
  await refusing(`${PAGE}#registered`, () => removePlatform(prisma, actor, textField(form, "platform", 100), textField(form, "confirmName", 300)));
  redirect(`${PAGE}?removed=1`);
}
