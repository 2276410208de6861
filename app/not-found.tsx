import Link from "next/link";

export default function NotFound() {
  return (
    <div className="not-found">
      <h1>Page not found</h1>
      <p>There is no page at this address. The exercise may have been renamed or removed.</p>
      <p>
        <Link href="/">Back to the list of exercises</Link>
      </p>
    </div>
  );
}
