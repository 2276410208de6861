// Opening a problem-set exercise draws the student's own variant (once) and goes to it.
import { redirect } from "next/navigation";
import { openItem } from "@/lib/course/work";
import { prisma } from "@/lib/db/client";
import { orNotFound, requireActor } from "@/app/_lib/guard";

export default async function OpenItem({ params }: { params: Promise<{ itemId: string }> }) {
  const { itemId } = await params;
  const actor = await requireActor(`/items/${itemId}`);
  const variant = await orNotFound(openItem(prisma, actor, itemId));
  redirect(`/work/${variant.id}`);
}
