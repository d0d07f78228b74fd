/**
 * Tags as a person types them ("work, Work , focus"): trimmed, empty ones dropped, and each tag
 * kept once (case-insensitively, first spelling wins), since a session's tags are a set and the
 * history filters and renders them as one.
 */
export function uniqueTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** The comma-separated text of the tags field. */
export const parseTags = (text: string): string[] => uniqueTags(text.split(','));
