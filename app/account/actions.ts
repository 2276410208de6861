"use server";
// Changing one's password ends every session issued before (this one too): the browser is sent
// to sign in again with the new password.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { textField } from "@/app/_lib/form";
import { refusing } from "@/app/_lib/form-action";
import { requireActor } from "@/app/_lib/guard";
import { changePassword } from "@/lib/auth/account";
import { clientAddress } from "@/lib/auth/address";
import { throttle } from "@/lib/auth/sign-in";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

export async function changePasswordAction(form: FormData) {
  const actor = await requireActor("/account");
  const address = clientAddress((await headers()).get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS);
  await refusing("/account", () =>
    changePassword(prisma, actor.id, { current: textField(form, "current", 1000), next: textField(form, "next", 1000), confirm: textField(form, "confirm", 1000) }, throttle, address),
  );
  redirect("/signin?notice=passwordChanged");
}
