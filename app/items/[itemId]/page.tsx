// Opening a problem-set exercise draws the student's own variant (once) and goes to it.
import { notFound, redirect } from "next/navigation";
import { openItem } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { requireActor } from "@/app/_lib/guard";

export default async function OpenItem({ params }: { params: Promise<{ itemId: string }> }) {
  const { itemId } = await params;
  const actor = await requireActor(`/items/${itemId}`);
  let variantId: string;
  try {
    variantId = (await openItem(prisma, actor, itemId)).id;
  } catch (e) {
    if (e instanceof AppError) notFound();
    throw e;
  }
  redirect(`/work/${variantId}`);
}
