// The tool's public keys, for platforms to verify what the tool signs (made on first use).
import { NextResponse } from "next/server";
import { prisma } from "@/lib/db/client";
import { publicKeySet } from "@/lib/lti/keys";

export async function GET(): Promise<Response> {
  return NextResponse.json(await publicKeySet(prisma), { headers: { "cache-control": "public, max-age=300" } });
}
