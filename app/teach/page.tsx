import Link from "next/link";
import { FormRefusal } from "@/app/_components/form-refusal";
import { prisma } from "@/lib/db/client";
import { getT } from "@/lib/i18n/server";
import { coursesTaughtBy } from "@/lib/teach/courses";
import { requireInstructorPage } from "./_guard";
import { createCourseAction } from "./actions";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("nav.teach") };
}

export default async function Teach({ searchParams }: { searchParams: Promise<{ error?: string; fields?: string }> }) {
  const actor = await requireInstructorPage("/teach");
  const sp = await searchParams;
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
      <FormRefusal error={sp.error} fields={sp.fields} />
      <form action={createCourseAction} className="stack-form">
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
