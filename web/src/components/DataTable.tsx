import { Fragment, type ReactNode } from 'react';
import { ErrorBox, Loading } from './common';

/** One column of a list: its header, how a row shows in it, and the cell's class (e.g. `num` for figures). */
export interface Column<T> {
  header: ReactNode;
  /** the label a phone shows beside the value when rows become cards (defaults to the header when it is text) */
  label?: string;
  cell: (row: T) => ReactNode;
  className?: string;
  /** the header cell's class when it differs from the cells' (e.g. '' for a `nowrap` column whose header may wrap) */
  headerClassName?: string;
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
  /** `data-testid` of the table and of each row (the browser tests find them so) */
  testId?: string;
  rowTestId?: string;
  /** a row opened in place: what shows under it across the whole width (null when closed) */
  detail?: (row: T) => ReactNode;
}

/**
 * The list pages' one table: loading, failure with a retry, the empty message, and rows that turn into cards on a
 * phone (`cards-on-phone` reads each cell's `data-label`). While a reload runs the old rows stay, marked busy.
 *
 * Used by the dossiers, staff, recommendations, settlement cases, trainings and archives' hand-overs lists (the page
 * keeps its result count and pager; a row may open in place: `detail`). The archives' boards, the settlement case
 * sheet and the figures tables (reinforcement's views, the board, the assessments' summaries, the workforce report)
 * are not lists of records and were left as they are.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, empty, loading, error, onRetry, className, rowClassName, caption, testId, rowTestId } =
    props;
  const detail = props.detail;
  if (error) return <ErrorBox error={error} onRetry={onRetry} />;
  if (!rows) return <Loading />;
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="table-wrap" aria-busy={loading || undefined}>
      <table className={['table', 'cards-on-phone', className].filter(Boolean).join(' ')} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={(c.headerClassName ?? c.className) || undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const opened = detail?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr className={rowClassName?.(row)} data-testid={rowTestId}>
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
                {opened != null && opened !== false && (
                  <tr className="sub-row">
                    <td colSpan={columns.length}>{opened}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
