"use client";
// The language menu: choosing a language applies it at once. The choice is sent to /api/locale
// and the page is refreshed in place (router.refresh), so nothing typed is lost and the focus
// stays on the menu. On a closed <select>, Chromium fires "change" at each arrow-key step: the
// requests are sent one after another and only the last choice refreshes the page, so the page
// lands on the language the reader stopped at. Without JavaScript the form posts as before,
// through the button inside <noscript>.
import { useRouter } from "next/navigation";
import { useRef, useState, type ChangeEvent } from "react";

export interface LanguageMenuText {
  /** The menu's accessible name ("Language"). */
  label: string;
  /** The no-JavaScript button. */
  apply: string;
  /** Said when the language could not be changed. */
  failed: string;
}

export function LanguageMenu({ locale, choices, text }: { locale: string; choices: { value: string; name: string }[]; text: LanguageMenuText }) {
  const router = useRouter();
  const latest = useRef(locale);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const [failed, setFailed] = useState(false);

  async function remember(value: string): Promise<boolean> {
    const res = await fetch("/api/locale", { method: "POST", headers: { accept: "application/json" }, body: new URLSearchParams({ locale: value }), credentials: "same-origin" });
    return res.ok;
  }

  function choose(e: ChangeEvent<HTMLSelectElement>) {
    const value = e.currentTarget.value;
    latest.current = value;
    setFailed(false);
    // One request at a time, in the order chosen, so the cookie ends as the last choice.
    queue.current = queue.current.then(async () => {
      let ok = false;
      try {
        ok = await remember(value);
      } catch {}
      if (latest.current !== value) return;
      if (ok) router.refresh();
      else setFailed(true);
    });
  }

  return (
    <form method="post" action="/api/locale" className="stack-form language-menu">
      <label>
        <span className="visually-hidden">{text.label}</span>
        <select name="locale" defaultValue={locale} aria-label={text.label} onChange={choose} aria-describedby={failed ? "language-failed" : undefined}>
          {choices.map((c) => (
            <option key={c.value} value={c.value} lang={c.value}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit" className="button secondary">
          {text.apply}
        </button>
      </noscript>
      <span role="status" id="language-failed" className={failed ? "error-text" : "visually-hidden"}>
        {failed ? text.failed : ""}
      </span>
    </form>
  );
}
