/**
 * The key names are searched by: lower case, no diacritics, đ → d, single spaces.
 * Stripping every combining mark makes "Hoà"/"Hòa" and "Thuỷ"/"Thủy" the same key,
 * whichever vowel carries the tone mark.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether PostgreSQL can store the text: no NUL character (text and jsonb refuse U+0000) and no lone UTF-16
 * surrogate (it has no UTF-8 encoding). Tabs, new lines, emoji and every other character pass.
 */
export function isStorableText(s: string): boolean {
  // A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
  return s.indexOf('\u0000') < 0 && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** How deep a request's JSON may nest (the API's own bodies use a handful of levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * The path ('attachments.0.name', or the key itself) of the first string in a parsed JSON value, query or params
 * — keys included — that PostgreSQL cannot store; undefined when all can be stored. Walks at most `budget` nodes,
 * without recursion; a value nested deeper than MAX_JSON_DEPTH answers `{ tooDeep: path }` (5,000 levels of arrays
 * overflowed the call stack of the recursive walk: a 500, the probe of 2026-12-07).
 */
export function unstorableTextAt(
  value: unknown,
  path = '',
  budget = { nodes: 100_000 },
): string | { tooDeep: string } | undefined {
  const stack: [unknown, string, number][] = [[value, path, 0]];
  while (stack.length) {
    const [v, at, depth] = stack.pop()!;
    if (--budget.nodes < 0) return undefined;
    if (typeof v === 'string') {
      if (!isStorableText(v)) return at || 'body';
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    // bytes (an upload piece's body) are no text: walking them as an object listed every byte first (32 s for 8 MB)
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
    if (depth >= MAX_JSON_DEPTH) return { tooDeep: at || 'body' };
    // pushed in reverse, so the first unstorable text in reading order is the one named
    const children: [unknown, string, number][] = [];
    if (Array.isArray(v))
      for (let i = 0; i < v.length; i++) children.push([v[i], at ? `${at}.${i}` : String(i), depth + 1]);
    else
      for (const [k, x] of Object.entries(v)) {
        if (!isStorableText(k)) return at || 'body';
        children.push([x, at ? `${at}.${k}` : k, depth + 1]);
      }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return undefined;
}
