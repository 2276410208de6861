// The demo course: an instructor, three students, one problem set of built-in exercises.
// Idempotent: running it again keeps everything that exists (and any work done since).
import type { PrismaClient } from "../db/generated/client";
import { hashPassword } from "../auth/password";
import { builtinTemplate } from "../exercises/builtin";

export const DEMO_PASSWORD = "handprop-demo";
export const DEMO_JOIN_CODE = "DEMO2026";
export const DEMO_USERS = [
  { email: "teacher@handprop.test", name: "Demo Teacher", role: "instructor" },
  { email: "alice@handprop.test", name: "Alice Example", role: "student" },
  { email: "taro@handprop.test", name: "山田 太郎", role: "student", locale: "ja" },
  { email: "bob@handprop.test", name: "Bob Newcomer", role: "student" },
] as const;
const DEMO_SET_ITEMS = ["lecture-2-3-3-2-random", "sigmoid-1-2-2-1-batch-random", "column-3-4-3-softmax-random"];

export async function seedDemo(db: PrismaClient): Promise<{ courseId: string; problemSetId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = [];
  for (const u of DEMO_USERS) {
    users.push(
      await db.user.upsert({
        where: { email: u.email },
        create: { email: u.email, name: u.name, role: u.role, locale: "locale" in u ? u.locale : "en", passwordHash },
        update: {},
      }),
    );
  }
  const [teacher, alice, taro] = users;
  const course = await db.course.upsert({
    where: { joinCode: DEMO_JOIN_CODE },
    create: { title: "Neural networks: backpropagation by hand (demo)", joinCode: DEMO_JOIN_CODE, ownerId: teacher.id },
    update: {},
  });
  for (const [user, role] of [[teacher, "instructor"], [alice, "student"], [taro, "student"]] as const) {
    await db.membership.upsert({ where: { userId_courseId: { userId: user.id, courseId: course.id } }, create: { userId: user.id, courseId: course.id, role }, update: {} });
  }
  let set = await db.problemSet.findFirst({ where: { courseId: course.id } });
  if (!set) {
    set = await db.problemSet.create({
      data: {
        courseId: course.id,
        title: "Week 1: one full update by hand",
        dueAt: new Date(Date.now() + 14 * 24 * 3600 * 1000),
        attemptsAllowed: 3,
        items: {
          create: DEMO_SET_ITEMS.map((id, position) => {
            const t = builtinTemplate(id)!;
            return { position, templateId: t.id, title: t.title, templateJson: JSON.stringify(t) };
          }),
        },
      },
    });
  }
  return { courseId: course.id, problemSetId: set.id };
}
