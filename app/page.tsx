// Home: every built-in exercise, with its architecture at a glance.
import Link from "next/link";
import { allTemplates } from "@/app/_lib/exercise";
import { KIND_LABELS, SummaryList } from "@/app/_components/summary";

export default function Home() {
  const templates = allTemplates();
  return (
    <>
      <h1>Exercises</h1>
      <p className="lead">
        Each exercise is a small fully connected network with hand-friendly numbers. Work out the forward pass, the loss, every{" "}
        gradient and the updated parameters on paper, then compare with the worked solution, step by step.
      </p>
      <p>
        A <strong>fixed exercise</strong> has the same numbers for everyone. A <strong>randomised template</strong> draws different
        numbers for each student; its page shows one sample draw, the “preview” variant.
      </p>
      <ul className="cards">
        {templates.map(({ template, summary }) => (
          <li key={template.id} className="card">
            <p className={`badge badge-${summary.kind}`}>{KIND_LABELS[summary.kind]}</p>
            <h2>
              <Link href={`/exercises/${template.id}`}>{template.title}</Link>
            </h2>
            {template.title_ja ? (
              <p lang="ja" className="title-ja">
                {template.title_ja}
              </p>
            ) : null}
            {template.description ? <p>{template.description}</p> : null}
            <SummaryList summary={summary} />
            <p className="card-link">
              <Link href={`/exercises/${template.id}`} aria-label={`Open the exercise and its worked solution: ${template.title}`}>
                Exercise and worked solution →
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
