import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "katex/dist/katex.min.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "handprop: backpropagation by hand", template: "%s · handprop" },
  description: "Learn backpropagation by doing it by hand: forward pass, loss, every Δ, every gradient and every update, in the lecture's matrix notation.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container">
            <Link href="/" className="brand">
              handprop
            </Link>
            <p className="tagline">Backpropagation, done by hand, one matrix at a time.</p>
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">Every number on these pages is computed exactly on the server.</div>
        </footer>
      </body>
    </html>
  );
}
