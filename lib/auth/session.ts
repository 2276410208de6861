// Who is asking: every page, action and route handler calls one of these first.
import "server-only";
import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { cache } from "react";
import { prisma } from "../db/client";
import { sessionSecret } from "../env";
import { authOptions } from "./options";

export interface Actor {
  id: string;
  email: string;
  name: string;
  role: "student" | "instructor";
  locale: string;
}

/** The user behind a session, read fresh from the database (null when the account is gone). */
async function actorById(id: string | undefined): Promise<Actor | null> {
  if (!id) return null;
  const user = await prisma.user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, locale: true } });
  if (!user) return null;
  return { ...user, role: user.role === "instructor" ? "instructor" : "student" };
}

/** Pages and server actions: the signed-in user of the current request (null when signed out). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions)) as { userId?: string } | null;
  return actorById(session?.userId);
});

/** Route handlers: the same session token, read from the request itself (an expired or forged token reads as nobody). */
export async function actorOf(req: NextRequest): Promise<Actor | null> {
  const token = await getToken({ req, secret: sessionSecret() });
  return actorById(typeof token?.sub === "string" ? token.sub : undefined);
}
