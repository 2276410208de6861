"use client";
// Whether React has taken over the page: false in the server's HTML and during hydration, true
// after. A button that only works through React is disabled until then, so that a click in the
// moment between the HTML arriving and the script running is not silently lost (or, for a form,
// sent the browser's way).
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
