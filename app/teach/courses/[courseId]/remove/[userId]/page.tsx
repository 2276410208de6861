// The second step of removing a student: who, what happens (their sessions end, their work is
// kept), and the instructor's choice whether that work keeps counting in the statistics (it does
// unless they say otherwise). A plain form: it works without JavaScript.
import Link from "next/link";
import { notFound } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { getT } from "@/app/_lib/i18n.server";
import { staffCoursePage } from "../../../../_guard";
import { userIdOf } from "../../../../_user-id";
import { confirmRemoveStudentAction } from "../../../../life-actions";

/** The address's segment as text (whether or not the router decoded it); a malformed escape stays as it is. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("life.removeTitle") };
}

export default async function RemoveStudentPage({ params }: { params: Promise<{ courseId: string; userId: string }> }) {
  const { courseId, userId: rawUserId } = await params;
  const { course } = await staffCoursePage(courseId, `/teach/courses/${courseId}/remove/${rawUserId}`);
  // Only the course's instructors remove students; only an enrolled student of this course can be.
  if (course.access !== "instructor") notFound();
  const userId = userIdOf(decoded(rawUserId));
  const member = userId ? await prisma.membership.findUnique({ where: { userId_courseId: { userId, courseId: course.id } }, include: { user: { select: { name: true, email: true } } } }) : null;
  if (!member || member.role !== "student" || member.removedAt) notFound();
  const { t } = await getT();
  const back = `/teach/courses/${course.id}#roster`;
  return (
    <>
      <p>
        <Link href={back}>{t("life.backToCourse", { title: course.title })}</Link>
      </p>
      <h1>{t("life.removeHeading", { name: member.user.name })}</h1>
      <p>{t("life.removeExplain", { name: member.user.name, email: member.user.email })}</p>
      <form action={confirmRemoveStudentAction.bind(null, course.id)} className="stack-form" style={{ flexDirection: "column", alignItems: "stretch" }}>
        <input type="hidden" name="userId" value={userId} />
        <fieldset>
          <legend>{t("life.countsLegend")}</legend>
          <label style={{ flexDirection: "row", fontWeight: 400 }}>
            <input type="radio" name="countsInStats" value="keep" defaultChecked /> {t("life.countsKeep")}
          </label>
          <label style={{ flexDirection: "row", fontWeight: 400 }}>
            <input type="radio" name="countsInStats" value="drop" /> {t("life.countsDrop")}
          </label>
        </fieldset>
        <p>
          <button type="submit" className="button">
            {t("life.removeConfirm", { name: member.user.name })}
          </button>{" "}
          <Link href={back}>{t("life.cancel")}</Link>
        </p>
      </form>
    </>
  );
}
