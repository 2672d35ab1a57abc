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
