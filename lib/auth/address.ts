// The client's address, for the sign-in throttle's per-address counts.
//
// Next's server sets X-Forwarded-For to the socket's address when the request has none, and a
// reverse proxy (nginx with $proxy_add_x_forwarded_for) appends the address it saw. Entries to the
// left of those are whatever the client sent, so the address is read that many entries from the
// right (TRUSTED_PROXY_HOPS, default 1): a client cannot choose it by sending the header itself.
// (Served directly, with no proxy, a client that sends its own header does choose it; the per-
// account ceiling still holds then. Put the app behind a proxy in production.)
import { isIP } from "node:net";

/** The key an address is counted under: IPv4 as it is, IPv6 by its /64, anything else "unknown". */
export function addressKey(raw: string | undefined): string {
  let a = (raw ?? "").trim();
  // "[v6]:port" and "v4:port"
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  a = a.replace(/%.*$/, ""); // an IPv6 zone
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped) a = mapped[1];
  switch (isIP(a)) {
    case 4:
      return a;
    case 6:
      return `${expand6(a).slice(0, 4).join(":")}::/64`;
    default:
      return "unknown";
  }
}

/** The eight groups of an IPv6 address, without leading zeros. */
function expand6(a: string): string[] {
  const [head, tail] = a.includes("::") ? a.split("::") : [a, undefined];
  const part = (s: string | undefined) => (s ? s.split(":") : []);
  let groups = part(head);
  if (tail !== undefined) {
    const right = part(tail);
    groups = [...groups, ...Array(Math.max(0, 8 - groups.length - right.length)).fill("0"), ...right];
  }
  return groups.map((g) => (g.includes(".") ? g : parseInt(g, 16).toString(16)));
}

/** The client's address key from an X-Forwarded-For header, `hops` entries from the right. */
export function clientAddress(forwardedFor: string | null | undefined, hops = 1): string {
  const entries = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (!entries.length) return "unknown";
  return addressKey(entries[Math.max(0, entries.length - hops)]);
}
