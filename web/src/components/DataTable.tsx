import type { ReactNode } from 'react';
import { ErrorBox, Loading } from './common';

/** One column of a list: its header, how a row shows in it, and the cell's class (e.g. `num` for figures). */
export interface Column<T> {
  header: ReactNode;
  /** the label a phone shows beside the value when rows become cards (defaults to the header when it is text) */
  label?: string;
  cell: (row: T) => ReactNode;
  className?: string;
}

export interface DataTableProps<T> {
  /** the rows, or null while the first load runs */
  rows: readonly T[] | null;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** what to say when there are no rows */
  empty: ReactNode;
  loading?: boolean;
  error?: unknown;
  onRetry?: () => void;
  className?: string;
  rowClassName?: (row: T) => string | undefined;
  caption?: ReactNode;
}

/**
 * The list pages' one table: loading, failure with a retry, the empty message, and rows that turn into cards on a
 * phone (`cards-on-phone` reads each cell's `data-label`). While a reload runs the old rows stay, marked busy.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, empty, loading, error, onRetry, className, rowClassName, caption } = props;
  if (error) return <ErrorBox error={error} onRetry={onRetry} />;
  if (!rows) return <Loading />;
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-wrap" aria-busy={loading || undefined}>
      <table className={['table', 'cards-on-phone', className].filter(Boolean).join(' ')}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {columns.map((c, i) => (
                <td
                  key={i}
                  className={c.className}
                  data-label={c.label ?? (typeof c.header === 'string' ? c.header : '')}
                >
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
