import Link from "next/link";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { coursesTaughtBy, createCourse } from "@/lib/teach/courses";
import { requireInstructorPage } from "./_guard";

export const metadata = { title: "Teaching" };

async function create(form: FormData) {
  "use server";
  const actor = await requireInstructorPage("/teach");
  const course = await createCourse(prisma, actor, { title: form.get("title") });
  redirect(`/teach/courses/${course.id}`);
}

export default async function Teach() {
  const actor = await requireInstructorPage("/teach");
  const courses = await coursesTaughtBy(prisma, actor);
  return (
    <>
      <h1>Teaching</h1>
      <ul className="cards">
        {courses.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link href={`/teach/courses/${c.id}`}>{c.title}</Link>
            </h2>
            <p>
              Join code <code>{c.joinCode}</code> · {c._count.memberships} students · {c.sets.length} problem sets
            </p>
          </li>
        ))}
      </ul>
      <h2>New course</h2>
      <form action={create} className="stack-form">
        <label>
          Title
          <input name="title" required maxLength={200} />
        </label>
        <button type="submit" className="button">
          Create course
        </button>
      </form>
    </>
  );
}
