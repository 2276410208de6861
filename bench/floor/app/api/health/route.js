// The same probe as the app's /api/health.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
