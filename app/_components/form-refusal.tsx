// A refused form post, as its page shows it: the message of a known ?error= code (and the labels
// of the known ?fields= it names) in the reader's language, with the one-time details the action
// kept for this session. An unknown code shows nothing: a link cannot make the page say anything.
import { prisma } from "@/lib/db/client";
import { takeOnce, type SessionRef } from "@/lib/auth/once";
import { getT } from "@/app/_lib/i18n.server";
import { formErrorText } from "@/app/_lib/form";
import { refusalTopic, typedTopic, type Typed } from "@/app/_lib/form-action";

export async function FormRefusal({ error, fields, page, session, id }: { error?: unknown; fields?: unknown; page?: string; session?: SessionRef; id?: string }) {
  const { t } = await getT();
  const text = formErrorText(t, error, fields);
  if (!text) return null;
  const details = page && session ? await takeOnce<string[]>(prisma, session, refusalTopic(page)) : undefined;
  return (
    <div role="alert" className="error-text" id={id}>
      <p>{text}</p>
      {Array.isArray(details) && details.length ? (
        <ul>
          {details.map((d, k) => (
            <li key={k}>{String(d)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** What was typed into a refused form of `page`, once (then the form shows its defaults again). */
export async function takeTyped(page: string, session: SessionRef): Promise<Typed | undefined> {
  const kept = await takeOnce<Typed>(prisma, session, typedTopic(page));
  return kept && typeof kept === "object" ? kept : undefined;
}

/** The first value typed into `name`, else `fallback`. */
export const typedOr = (typed: Typed | undefined, name: string, fallback: string | number | undefined): string | number | undefined => typed?.[name]?.[0] ?? fallback;
