"use client";
// Email + password through next-auth's credentials callback; errors announced in place.
// Until React has taken over the form, its button is disabled (and the form says POST): a click or
// an Enter in the moments before would otherwise submit the form the browser's way, a GET that puts
// the password in the address, the history and the server's logs, and signs nobody in.
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/app/_lib/use-hydrated";
import { SIGN_IN_UNAVAILABLE, TOO_MANY_ATTEMPTS } from "@/lib/auth/codes";

export function SignInForm({ callbackUrl, text, initialError }: { callbackUrl: string; text: { email: string; password: string; submit: string; failed: string; locked: string; unavailable: string; needsScript: string }; initialError?: string }) {
  const [error, setError] = useState(initialError);
  const [busy, setBusy] = useState(false);
  const ready = useHydrated();
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    const form = new FormData(e.currentTarget);
    const res = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false, callbackUrl });
    setBusy(false);
    if (!res || res.error) return setError(res?.error === TOO_MANY_ATTEMPTS ? text.locked : res?.error === SIGN_IN_UNAVAILABLE ? text.unavailable : text.failed);
    // callbackUrl is a path of this site, checked by the page (lib/auth/redirect.ts).
    window.location.assign(callbackUrl);
  }
  return (
    <form method="post" onSubmit={onSubmit} className="stack-form" aria-describedby={error ? "signin-error" : undefined}>
      <label>
        {text.email}
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        {text.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" className="button" disabled={busy || !ready}>
        {text.submit}
      </button>
      <noscript>
        <p className="notice">{text.needsScript}</p>
      </noscript>
      <p id="signin-error" role="alert" className="error-text">
        {error ?? ""}
      </p>
    </form>
  );
}
