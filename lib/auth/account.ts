// A user's own account: changing the password. The new hash and the next session version are
// written together, so every session issued before (this one too) ends at its next request.
import { NO_PASSWORD } from "./external";
import type { PrismaClient } from "../db/client";
import { AppError } from "../errors";
import { hashPassword, verifyPassword } from "./password";
import type { Attempt, SignInThrottle } from "./throttle";

export const PASSWORD_LENGTH = { min: 10, max: 200 };

export interface PasswordChange {
  current: string;
  next: string;
  confirm: string;
}

/**
 * Checks the current password (a wrong one counts on the sign-in throttle, like a sign-in: a
 * stolen session cannot be used to guess it faster) and stores the new one.
 */
export async function changePassword(db: Pick<PrismaClient, "user">, userId: string, change: PasswordChange, throttle: SignInThrottle, address: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError("NOT_FOUND", "no such account");
  // An account made by single sign-on or an LMS signs in there: it has no password to change.
  if (user.passwordHash === NO_PASSWORD) throw new AppError("FORBIDDEN", "this account signs in through single sign-on or an LMS and has no password", undefined, "errors.noPasswordAccount");
  const attempt: Attempt = { email: user.email, address };
  if ((await throttle.retryAfter(attempt)) > 0) throw new AppError("FORBIDDEN", "too many wrong passwords", undefined, "signin.locked");
  if (change.next.length < PASSWORD_LENGTH.min || change.next.length > PASSWORD_LENGTH.max) throw new AppError("INVALID_INPUT", "new password: 10 to 200 characters", undefined, "formError.weakPassword");
  if (change.next !== change.confirm) throw new AppError("INVALID_INPUT", "the new password and its repetition differ", undefined, "formError.passwordMismatch");
  if (change.next === change.current) throw new AppError("INVALID_INPUT", "the new password is the current one", undefined, "errors.samePassword");
  if (change.current.length > PASSWORD_LENGTH.max || !(await verifyPassword(change.current, user.passwordHash))) {
    await throttle.fail(attempt);
    throw new AppError("INVALID_INPUT", "the current password is wrong", undefined, "formError.wrongPassword");
  }
  await throttle.succeed(attempt);
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(change.next), sessionVersion: { increment: 1 } } });
}
