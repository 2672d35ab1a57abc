// The procedure picker's search, kept free of the browser's modules so that a test can run it as the page does.
import type { Procedure } from '../../src/modules/dossiers/contract';
import { searchKey } from '../../src/core/text';

/**
 * The procedures a search finds, as the server's `q` does: those whose code starts with it, or whose name holds every
 * word of it at the start of a word, without regard to case or diacritics ("khái sinh" finds "Đăng ký khai sinh").
 */
export function matchProcedures<P extends Pick<Procedure, 'code' | 'name'>>(list: readonly P[], q: string): P[] {
  const words = searchKey(q).split(' ').filter(Boolean);
  if (!words.length) return [...list];
  const code = q.trim();
  return list.filter((p) => {
    if (/^\d/.test(code) && p.code.startsWith(code)) return true;
    const key = ` ${searchKey(p.name)} `;
    return words.every((w) => key.includes(` ${w}`));
  });
}
