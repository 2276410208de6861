import Link from "next/link";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { coursesTaughtBy, createCourse } from "@/lib/teach/courses";
import { requireInstructorPage } from "./_guard";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("nav.teach") };
}

async function create(form: FormData) {
  "use server";
  const actor = await requireInstructorPage("/teach");
  const course = await createCourse(prisma, actor, { title: form.get("title") });
  redirect(`/teach/courses/${course.id}`);
}

export default async function Teach() {
  const actor = await requireInstructorPage("/teach");
  const { t } = await getT();
  const courses = await coursesTaughtBy(prisma, actor);
  return (
    <>
      <h1>{t("nav.teach")}</h1>
      <ul className="cards">
        {courses.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link href={`/teach/courses/${c.id}`}>{c.title}</Link>
            </h2>
            <p>
              {t("teach.joinCode")} <code>{c.joinCode}</code> · {t("teach.courseCounts", { students: c._count.memberships, sets: c.sets.length })}
            </p>
          </li>
        ))}
      </ul>
      <h2>{t("teach.newCourse")}</h2>
      <form action={create} className="stack-form">
        <label>
          {t("teach.titleField")}
          <input name="title" required maxLength={200} />
        </label>
        <button type="submit" className="button">
          {t("teach.createCourse")}
        </button>
      </form>
    </>
  );
}
