// A problem set at a glance: where students diverge (a heat map over the computation order),
// the common misconceptions with examples, scores, each student's progress, rules and history.
import Link from "next/link";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { CATALOGUE } from "@/lib/grading/catalogue";
import { setHistory, updateRules } from "@/lib/teach/sets";
import { setStatistics, studentPage, STUDENT_SORTS, type ItemStats, type StudentSort } from "@/lib/teach/stats";
import { orNotFound } from "@/app/_lib/guard";
import { requireInstructorPage, utc } from "../../_guard";
import { RulesFields, rulesFromForm } from "../../_rules-fields";

export const metadata = { title: "Problem set" };

const SORT_NAMES: Record<StudentSort, string> = { name: "name", score: "lowest score", attempts: "most attempts", time: "most time" };

const pct = (x: number) => `${Math.round(100 * x)}%`;

export default async function SetPage({ params, searchParams }: { params: Promise<{ setId: string }>; searchParams: Promise<{ error?: string; sort?: string; page?: string }> }) {
  const { setId } = await params;
  const sp = await searchParams;
  const actor = await requireInstructorPage(`/teach/sets/${setId}`);
  const { set, enrolled, items, students } = await orNotFound(setStatistics(prisma, actor, setId));
  const history = await setHistory(prisma, actor, setId);
  const table = studentPage(students, sp.sort, sp.page);
  const tableUrl = (sort: StudentSort, page: number) => `/teach/sets/${setId}?sort=${sort}&page=${page}#students`;

  async function saveRules(form: FormData) {
    "use server";
    const a = await requireInstructorPage(`/teach/sets/${setId}`);
    try {
      await updateRules(prisma, a, setId, rulesFromForm(form));
    } catch (e) {
      if (e instanceof AppError) redirect(`/teach/sets/${setId}?error=${encodeURIComponent(e.message)}`);
      throw e;
    }
    revalidatePath(`/teach/sets/${setId}`);
  }

  return (
    <>
      <p>
        <Link href={`/teach/courses/${set.courseId}`}>← Course</Link>
      </p>
      <h1>{set.title}</h1>
      <p>
        {enrolled} students enrolled · opens {utc(set.opensAt)} · due {utc(set.dueAt)} · {set.attemptsAllowed} attempts · carried-forward credit {set.carriedCredit} · late work {set.latePolicy === "accept" ? `accepted, −${Math.round(100 * set.latePenalty)}%` : "refused"}
      </p>
      {items.map((item) => (
        <ItemSection key={item.id} item={item} />
      ))}
      <h2 id="students">Students</h2>
      <nav aria-label="Sort the students" className="table-controls">
        Sort by:{" "}
        {STUDENT_SORTS.map((sort) => (
          <Link key={sort} href={tableUrl(sort, 1)} aria-current={sort === table.sort ? "true" : undefined}>
            {SORT_NAMES[sort]}
          </Link>
        ))}
      </nav>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Student</th>
            {items.map((i, k) => (
              <th scope="col" key={i.id}>
                {k + 1}. {i.title.slice(0, 24)}
              </th>
            ))}
            <th scope="col">Total</th>
            <th scope="col">Attempts</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((s) => (
            <tr key={s.userId}>
              <th scope="row">{s.name}</th>
              {s.perItem.map((p, k) => (
                <td key={k}>{p ? <Link href={`/teach/variants/${p.variantId}`}>{`${p.best} / ${p.max}`}</Link> : "—"}</td>
              ))}
              <td>
                {s.score} / {s.maxScore}
              </td>
              <td>{s.attempts}</td>
              <td>{s.minutes} min</td>
            </tr>
          ))}
        </tbody>
      </table>
      {table.pages > 1 ? (
        <nav aria-label="Pages of the student table" className="table-controls">
          {table.page > 1 ? <Link href={tableUrl(table.sort, table.page - 1)}>← Previous</Link> : null}
          <span>
            Page {table.page} of {table.pages} ({table.total} students)
          </span>
          {table.page < table.pages ? <Link href={tableUrl(table.sort, table.page + 1)}>Next →</Link> : null}
        </nav>
      ) : null}
      <h2 id="rules">Rules</h2>
      {sp.error ? (
        <p role="alert" className="error-text">
          {sp.error}
        </p>
      ) : null}
      <p>Changing the rules keeps every submission; when the carried-forward credit changes, all submissions are regraded (a new grade each).</p>
      <form action={saveRules} className="stack-form">
        <RulesFields rules={set} />
        <button type="submit" className="button">
          Save rules
        </button>
      </form>
      <h2>Exercises as templates</h2>
      <ul>
        {set.items.map((i) => (
          <li key={i.id}>
            <a href={`/teach/items/${i.id}/template.json`} download>
              {i.title} (JSON)
            </a>
          </li>
        ))}
      </ul>
      <h2>History</h2>
      <ol>
        {history.map((e) => (
          <li key={e.id}>
            {utc(e.createdAt)} — {e.actor.name}: <code>{e.action}</code> <small>{e.detailJson.slice(0, 300)}</small>
          </li>
        ))}
      </ol>
    </>
  );
}

/** One exercise: completion, score distribution, the divergence heat map and the misconceptions. */
function ItemSection({ item }: { item: ItemStats }) {
  const top = Math.max(1, ...item.histogram);
  return (
    <section aria-labelledby={`item-${item.id}`}>
      <h2 id={`item-${item.id}`}>{item.title}</h2>
      <p>
        {item.submitted} submitted ({pct(item.completion)} of the class){item.meanScore !== null ? ` · mean best score ${pct(item.meanScore)}` : ""}
      </p>
      <svg viewBox="0 0 220 70" width="220" height="70" role="img" aria-label={`Score distribution: ${item.histogram.map((n, k) => `${k * 10}–${k * 10 + 10}%: ${n}`).join(", ")}`}>
        {item.histogram.map((n, k) => (
          <rect key={k} x={k * 22 + 1} y={60 - (50 * n) / top} width={20} height={(50 * n) / top} fill="#1f4e8c" />
        ))}
        <text x="0" y="69" fontSize="8">0%</text>
        <text x="196" y="69" fontSize="8">100%</text>
      </svg>
      {item.quantities.length ? (
        <div className="grid-scroll" tabIndex={0} role="region" aria-label={`Where students diverge: ${item.title}`}>
          <table className="data-table heatmap" data-testid="heatmap">
            <caption>Where students diverge, in computation order (share of those who submitted)</caption>
            <thead>
              <tr>
                <th scope="col">Quantity</th>
                <th scope="col">First divergence</th>
                <th scope="col">Correct</th>
                <th scope="col">Carried</th>
                <th scope="col">Incorrect</th>
                <th scope="col">Missing</th>
              </tr>
            </thead>
            <tbody>
              {item.quantities.map((q) => (
                <tr key={q.path} data-path={q.path}>
                  <th scope="row">
                    <code>{q.path}</code>
                  </th>
                  <td style={{ background: `rgba(180, 35, 24, ${Math.min(0.85, q.firstDivergence)})`, color: q.firstDivergence > 0.45 ? "#fff" : undefined }}>{pct(q.firstDivergence)}</td>
                  <td>{pct(q.correct)}</td>
                  <td>{pct(q.carried)}</td>
                  <td>{pct(q.incorrect)}</td>
                  <td>{pct(q.missing)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {item.misconceptions.length ? (
        <>
          <h3>Most frequent mistakes</h3>
          <ul>
            {item.misconceptions.slice(0, 5).map((m) => (
              <li key={m.id}>
                <strong>{m.id}</strong> ×{m.count}: {CATALOGUE[m.id as keyof typeof CATALOGUE]?.did.en} — e.g.{" "}
                {m.examples.map((ex, k) => (
                  <span key={k}>
                    {k ? ", " : ""}
                    <Link href={`/teach/variants/${ex.variantId}`}>{ex.name}</Link> at <code>{ex.path}</code>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
