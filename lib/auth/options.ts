// next-auth v4: email + password (Credentials), JWT sessions holding only the user id.
// Roles are read from the database on every request, never trusted from the token.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "../db/client";
import { sessionSecret } from "../env";
import { hashPassword, verifyPassword } from "./password";
import { TOO_MANY_ATTEMPTS } from "./codes";
import { SignInThrottle } from "./throttle";
import { databaseThrottleStore } from "./throttle-db";

const throttle = new SignInThrottle(databaseThrottleStore(prisma));
// Checked when the email has no account, so that an unknown email costs as long as a wrong password.
// Hashed on the first such sign-in, not when the module loads.
let unknownUserHash: Promise<string> | undefined;
const dummyHash = () => (unknownUserHash ??= hashPassword("handprop: no such account"));

const credentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  secret: sessionSecret(),
  session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const email = parsed.data.email.toLowerCase();
        if ((await throttle.retryAfter(email)) > 0) throw new Error(TOO_MANY_ATTEMPTS);
        const user = await prisma.user.findUnique({ where: { email } });
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? (await dummyHash()));
        if (!user || !ok) {
          if ((await throttle.fail(email)) > 0) throw new Error(TOO_MANY_ATTEMPTS);
          return null;
        }
        await throttle.succeed(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub };
    },
  },
};
