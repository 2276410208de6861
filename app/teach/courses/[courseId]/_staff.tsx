// The course page's "Course staff" section: who teaches and who assists the course. Its
// instructors add a co-instructor or a teaching assistant by email and remove them; a TA sees the
// list only. The actions check all of this again on the server (app/teach/staff-actions.ts).
import type { ReactNode } from "react";
import type { Typed } from "@/app/_lib/form-action";
import type { TFunction } from "i18next";
import { prisma } from "@/lib/db/client";
import type { ActorRef } from "@/lib/access";
import type { CourseAccess } from "@/lib/access";
import { courseStaff, type StaffMember } from "@/lib/teach/staff";
import { addStaffAction, removeStaffAction } from "../../staff-actions";

export async function CourseStaff({ courseId, actor, access, t, refusal, typed }: { courseId: string; actor: ActorRef; access: CourseAccess; t: TFunction; refusal?: ReactNode; typed?: Typed }) {
  const staff = await courseStaff(prisma, actor, courseId);
  const manages = access === "instructor";
  return (
    <section aria-labelledby="staff">
      <h2 id="staff">{t("teach.staff.title")}</h2>
      <p>{t("teach.staff.intro")}</p>
      {refusal}
      <table className="data-table" data-testid="staff-table">
        <thead>
          <tr>
            <th scope="col">{t("teach.course.name")}</th>
            <th scope="col">{t("teach.course.email")}</th>
            <th scope="col">{t("teach.staff.role")}</th>
            {manages ? <th scope="col">{t("teach.course.action")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {staff.map((m) => (
            <StaffRow key={m.userId} member={m} courseId={courseId} manages={manages} t={t} />
          ))}
        </tbody>
      </table>
      {manages ? <AddStaffForm courseId={courseId} t={t} typed={typed} /> : null}
    </section>
  );
}

function StaffRow({ member, courseId, manages, t }: { member: StaffMember; courseId: string; manages: boolean; t: TFunction }) {
  const remove = removeStaffAction.bind(null, courseId);
  return (
    <tr>
      <td>{member.name}</td>
      <td>{member.email}</td>
      <td>{member.owner ? t("teach.staff.owner") : t(`teach.staff.roles.${member.role}`)}</td>
      {manages ? (
        <td>
          {member.owner ? null : (
            <form action={remove}>
              <input type="hidden" name="userId" value={member.userId} />
              <button type="submit" className="button secondary" aria-label={t("teach.staff.removeLabel", { name: member.name })}>
                {t("teach.course.remove")}
              </button>
            </form>
          )}
        </td>
      ) : null}
    </tr>
  );
}

function AddStaffForm({ courseId, t, typed }: { courseId: string; t: TFunction; typed?: Typed }) {
  const add = addStaffAction.bind(null, courseId);
  return (
    <>
      <h3>{t("teach.staff.add")}</h3>
      <p id="staff-email-hint" className="hint">
        {t("teach.staff.emailHint")}
      </p>
      <form action={add} className="stack-form">
        <label>
          {t("teach.staff.emailField")}
          <input type="email" name="email" required maxLength={200} autoComplete="off" aria-describedby="staff-email-hint" defaultValue={typed?.email?.[0]} />
        </label>
        <label>
          {t("teach.staff.role")}
          <select name="role" defaultValue={typed?.role?.[0] ?? "ta"}>
            <option value="ta">{t("teach.staff.roles.ta")}</option>
            <option value="instructor">{t("teach.staff.roles.instructor")}</option>
          </select>
        </label>
        <button type="submit" className="button">
          {t("teach.staff.addSubmit")}
        </button>
      </form>
    </>
  );
}
