import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FontBytes } from './pdf.js';

/**
 * The PDF fonts: DejaVu Serif Condensed (full Vietnamese glyphs, Bitstream Vera license: data/fonts/LICENSE), the
 * ones the dossier forms print with. Times New Roman, which Decree 30 names, is not ours to ship; the Word document
 * names it and Word supplies it.
 */
const fontDir = fileURLToPath(new URL('../../../../data/fonts/', import.meta.url));

let loading: Promise<FontBytes> | undefined;

/** Read once per process. */
export function reportFonts(): Promise<FontBytes> {
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
