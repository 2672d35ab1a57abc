import { searchKey } from '../../../core/text.js';

/**
 * Text similarity of items, on diacritics-free search keys: "Biên chế" and "bien che" are the same.
 * The measure is the Jaccard index of the sets of character trigrams of the words (each word padded
 * with spaces, as pg_trgm does), so word order, inflection-free spelling variants and typos cost little.
 * Short, very common words carry no meaning of their own and are dropped first.
 */
const STOP_WORDS = new Set([
  'va',
  'cua',
  'cho',
  'cac',
  'nhung',
  'mot',
  'duoc',
  'trong',
  'theo',
  've',
  'voi',
  'la',
  'co',
  'khong',
  'de',
  'tai',
  'thi',
  'nay',
  'khi',
  'da',
  'se',
  'bi',
  'o',
  'the',
  'and',
  'of',
  'to',
  'in',
  'for',
  'a',
  'an',
  'on',
  'is',
]);

export function words(text: string): string[] {
  return searchKey(text)
    .split(' ')
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
}

export function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text)) {
    const padded = `  ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Similarity in [0, 1] of two texts. */
export const similarity = (a: string, b: string): number => jaccard(trigrams(a), trigrams(b));

/** The candidates most like `text`, best first, at or above `threshold`. */
export function rankSimilar<T extends { text: string }>(
  text: string,
  candidates: T[],
  opts: { threshold?: number; limit?: number } = {},
): (T & { score: number })[] {
  const target = trigrams(text);
  return candidates
    .map((c) => ({ ...c, score: Math.round(jaccard(target, trigrams(c.text)) * 1000) / 1000 }))
    .filter((c) => c.score >= (opts.threshold ?? 0.25))
    .sort((x, y) => y.score - x.score)
    .slice(0, opts.limit ?? 10);
}
