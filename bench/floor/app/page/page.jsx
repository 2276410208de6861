// A page rendered at every request with nothing in it: what any page of a Next app costs here.
import { connection } from "next/server";

export default async function EmptyPage() {
  await connection();
  return (
    <main>
      <h1>Sign in</h1>
      <p>A page rendered for each request, with nothing else in it.</p>
    </main>
  );
}
