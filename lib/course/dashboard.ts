// What a student sees on their dashboard: courses, problem sets with due dates, status and scores.
import type { PrismaClient } from "../db/generated/client";
import type { ActorRef } from "./work";

export async function studentDashboard(db: PrismaClient, actor: ActorRef) {
  const memberships = await db.membership.findMany({
    where: { userId: actor.id, removedAt: null },
    include: { course: { include: { sets: { include: { items: { orderBy: { position: "asc" } } }, orderBy: { createdAt: "asc" } } } } },
    orderBy: { joinedAt: "asc" },
  });
  const variants = await db.variant.findMany({
    where: { userId: actor.id, practice: false },
    include: { draft: { select: { id: true } }, submissions: { include: { grades: { orderBy: { gradedAt: "desc" }, take: 1, select: { score: true, maxScore: true } } } } },
  });
  const byItem = new Map(variants.map((v) => [v.itemId, v]));
  return memberships.map(({ course, role }) => ({
    id: course.id,
    title: course.title,
    role,
    sets: course.sets.map((set) => ({
      id: set.id,
      title: set.title,
      dueAt: set.dueAt,
      attemptsAllowed: set.attemptsAllowed,
      items: set.items.map((item) => {
        const v = byItem.get(item.id);
        const grades = v?.submissions.flatMap((s) => s.grades) ?? [];
        const best = grades.reduce<{ score: number; max: number } | null>((b, g) => (!b || g.score > b.score ? { score: g.score, max: g.maxScore } : b), null);
        return {
          id: item.id,
          title: item.title,
          attemptsUsed: v?.submissions.length ?? 0,
          status: v?.submissions.length ? ("submitted" as const) : v?.draft ? ("inProgress" as const) : ("notStarted" as const),
          best,
        };
      }),
    })),
  }));
}

export async function submissionHistory(db: PrismaClient, actor: ActorRef) {
  return db.submission.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    take: 50,
    // Scores only: a grade's exact values reach a student through reveal.ts alone.
    include: { grades: { orderBy: { gradedAt: "desc" }, take: 1, select: { score: true, maxScore: true } }, variant: { include: { item: true } } },
  });
}
