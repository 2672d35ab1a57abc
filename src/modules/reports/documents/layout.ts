/** Layout decisions both renderers share, so the DOCX and the PDF print a table alike. */
import type { DocBlock } from '../domain/document-model.js';
import { formatCell } from '../domain/format.js';

/** Column widths as fractions of the text width: by the longest text in each column, within bounds. */
export function columnWeights(block: Extract<DocBlock, { kind: 'table' }>): number[] {
  const raw = block.columns.map((c, i) => {
    const longest = Math.max(
      ...c.label.split(/\s+/).map((w) => w.length),
      Math.min(c.label.length, 14),
      ...block.rows.map((r) => formatCell(r[i] ?? null, c.format).length),
    );
    return Math.min(c.format === 'text' ? 40 : 16, Math.max(4, longest));
  });
  const total = raw.reduce((s, w) => s + w, 0);
  return raw.map((w) => w / total);
}
