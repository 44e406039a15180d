/** A version's entry in CHANGELOG.md ("## 0.1.0 — 2026-12-08" and what follows, up to the next entry), or undefined. */
export function changelogEntry(changelog: string, version: string): string | undefined {
  const escaped = version.replace(/[.+]/g, (c) => `\\${c}`);
  const match = new RegExp(`^## \\[?${escaped}\\]?(?: [—-] (\\d{4}-\\d{2}-\\d{2}))?\\s*\\n([\\s\\S]*?)(?=^## |$(?![\\s\\S]))`, 'm').exec(changelog);
  const body = match?.[2]?.trim();
  return body ? body : undefined;
}
