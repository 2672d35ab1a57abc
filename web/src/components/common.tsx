import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiError } from '../api';
import { useI18n, type Translate } from '../i18n';

/** The text to show for a failure: the API's own message when there is one. */
export function errorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('common.networkError');
    return err.message || t('common.unexpected', { status: err.status });
  }
  return t('common.unexpected', { status: String((err as Error)?.message ?? err) });
}

export type Loadable<T> = { loading: boolean; error: unknown; data: T | null; reload(): void };

/** Loads data for a page; aborts the previous request when the inputs change. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loadable<T> {
  const [state, setState] = useState<{ loading: boolean; error: unknown; data: T | null }>({
    loading: true,
    error: null,
    data: null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctrl = new AbortController();
    setState((s) => ({ loading: true, error: null, data: s.data }));
    load(ctrl.signal).then(
      (data) => {
        if (!ctrl.signal.aborted) setState({ loading: false, error: null, data });
      },
      (error: unknown) => {
        if (!ctrl.signal.aborted) setState({ loading: false, error, data: null });
      },
    );
    return () => ctrl.abort();
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="alert alert-error" role="alert">
      <span>{errorText(t, error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Pager({
  page,
  pageSize,
  total,
  more = false,
  onPage,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** more than `total` match (the list stopped counting): the next page stays open */
  more?: boolean | undefined;
  onPage(p: number): void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && page === 1 && !more) return null;
  const key = more ? 'common.pageMore' : 'common.page';
  return (
    <nav className="pager" aria-label={t(key, { page, pages, total })}>
      <button type="button" className="btn" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹ {t('common.prev')}
      </button>
      <span>{t(key, { page, pages, total: new Intl.NumberFormat('vi-VN').format(total) })}</span>
      <button type="button" className="btn" disabled={page >= pages && !more} onClick={() => onPage(page + 1)}>
        {t('common.next')} ›
      </button>
    </nav>
  );
}

/** A filter drop-down: "all" first, then the values with their labels. Its `name` is the query parameter. */
export function SelectFilter({
  name,
  label,
  value,
  allLabel,
  options,
  labelOf,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  allLabel: string;
  options: readonly string[];
  labelOf(value: string): string;
  onChange(value: string): void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labelOf(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Who acted, as a person reads it: the name, and the post below it; the platform when no one (never a login name). */
export function WhoActed({ actor }: { actor: { name: string; post: string | null } | null }) {
  const { t } = useI18n();
  if (!actor) return <>{t('audit.actor.system')}</>;
  return (
    <>
      {actor.name}
      {actor.post && <span className="muted small block">{actor.post}</span>}
    </>
  );
}
