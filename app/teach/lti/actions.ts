"use server";
// The LTI admin page's form posts: registering a platform, asking for a roster sync.
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { kickJobs } from "@/lib/run/app";
import { requestRosterSync } from "@/lib/lti/nrps";
import { registerPlatform } from "@/lib/lti/platforms";
import { textField } from "@/app/_lib/form";
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
