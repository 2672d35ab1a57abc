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

/**
 * The path ('attachments.0.name', or the key itself) of the first string in a parsed JSON value, query or params
 * — keys included — that PostgreSQL cannot store; undefined when all can be stored. Walks at most `budget` nodes.
 */
export function unstorableTextAt(value: unknown, path = '', budget = { nodes: 100_000 }): string | undefined {
  if (--budget.nodes < 0) return undefined;
  if (typeof value === 'string') return isStorableText(value) ? undefined : path || 'body';
  if (typeof value !== 'object' || value === null) return undefined;
  // bytes (an upload piece's body) are no text: walking them as an object listed every byte first (32 s for 8 MB)
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextAt(value[i], path ? `${path}.${i}` : String(i), budget);
      if (found) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    if (!isStorableText(k)) return path || 'body';
    const found = unstorableTextAt(v, here, budget);
    if (found) return found;
  }
  return undefined;
}
