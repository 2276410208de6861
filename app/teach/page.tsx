import Link from "next/link";
import { notFound } from "next/navigation";
import { FormRefusal, takeTyped } from "@/app/_components/form-refusal";
import { prisma } from "@/lib/db/client";
import { getT } from "@/app/_lib/i18n.server";
import { coursesStaffedBy } from "@/lib/access";
import { requireActor } from "@/app/_lib/guard";
import { createCourseAction } from "./actions";
import { DEFAULT_ZONES, timeZones } from "@/lib/time";

export async function generateMetadata() {
  const { t } = await getT();
  return { title: t("nav.teach") };
}

export default async function Teach({ searchParams }: { searchParams: Promise<{ error?: string; fields?: string }> }) {
  const actor = await requireActor("/teach");
  // A refused new-course form comes back as it was typed.
  const typed = await takeTyped("/teach", actor);
  // The courses one teaches or assists; a global instructor may also create one. Anyone else: 404.
  const courses = await coursesStaffedBy(prisma, actor);
  const createsCourses = actor.role === "instructor";
  if (!createsCourses && courses.length === 0) notFound();
  const sp = await searchParams;
  const { t, locale } = await getT();
  return (
    <>
      <h1>{t("nav.teach")}</h1>
      {createsCourses ? (
        <p>
          <Link href="/teach/lti">{t("lti.admin.title")}</Link>
        </p>
      ) : null}
      <ul className="cards">
        {courses.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link href={`/teach/courses/${c.id}`}>{c.title}</Link>
            </h2>
            {c.access === "ta" ? <p className="badge">{t("teach.staff.roles.ta")}</p> : null}
            <p>
              {t("teach.joinCode")} <code>{c.joinCode}</code> · {t("teach.courseStudents", { count: c._count.memberships })} · {t("teach.courseSets", { count: c.sets.length })}
            </p>
          </li>
        ))}
      </ul>
      {createsCourses ? (
        <>
          <h2>{t("teach.newCourse")}</h2>
          <FormRefusal error={sp.error} fields={sp.fields} />
          <form action={createCourseAction} className="stack-form">
            <label>
              {t("teach.titleField")}
              <input name="title" required maxLength={200} defaultValue={typed?.title?.[0]} />
            </label>
            <label>
              {t("teach.timeZone")}
              <select name="timeZone" defaultValue={typed?.timeZone?.[0] ?? DEFAULT_ZONES[locale]}>
                {timeZones().map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button">
              {t("teach.createCourse")}
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}
