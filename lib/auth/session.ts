// Who is asking: every page, action and route handler calls one of these first.
import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { prisma } from "../db/client";
import { authOptions } from "./options";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: "student" | "instructor";
  locale: string;
}

/** The signed-in user, read fresh from the database (null when signed out or the user is gone). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string } | null;
  if (!session?.userId) return null;
  const user = await prisma.user.findUnique({ where: { id: session.userId }, select: { id: true, email: true, name: true, role: true, locale: true } });
  if (!user) return null;
  return { ...user, role: user.role === "instructor" ? "instructor" : "student" };
});
