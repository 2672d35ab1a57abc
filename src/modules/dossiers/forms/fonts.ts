import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FontBytes } from './render.js';

/** DejaVu Serif Condensed (Vietnamese glyphs, Bitstream Vera license): see data/fonts/LICENSE. */
export const fontDir = fileURLToPath(new URL('../../../../data/fonts/', import.meta.url));

let loading: Promise<FontBytes> | undefined;

/** The form fonts, read once per process. */
export function formFonts(): Promise<FontBytes> {
  loading ??= Promise.all(
    ['DejaVuSerifCondensed.ttf', 'DejaVuSerifCondensed-Bold.ttf', 'DejaVuSerifCondensed-Italic.ttf'].map((f) =>
      readFile(fontDir + f),
    ),
  )
    .then(([regular, bold, italic]) => ({ regular: regular!, bold: bold!, italic: italic! }))
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}
