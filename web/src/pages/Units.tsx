import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, type UnitDetail, type UnitItem, type UnitPage } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, Pager, errorText, useLoad, type Loadable } from '../components/common';
import { byName, formatDate, formatInteger, formatNumber, parseDate, todayInVietnam } from '../format';
import { typeLabel, useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';

const TYPES = ['tinh', 'thanh_pho', 'xa', 'phuong', 'dac_khu'] as const;
const PAGE_SIZE = 50;

/** The page's filters live in the address bar, so Back and shared links keep them. */
function useFilters() {
  const { query } = useLocation();
  const today = todayInVietnam();
  const filters = {
    q: query.get('q') ?? '',
    type: query.get('type') ?? '',
    at: query.get('at') ?? today,
    page: Math.max(1, Number(query.get('page')) || 1),
  };
  const set = (next: Partial<typeof filters>) => {
    // Read the address bar now, not at render time: a debounced call must not undo a newer change.
    const cur = new URLSearchParams(window.location.search);
    const f = { q: cur.get('q') ?? '', type: cur.get('type') ?? '', at: cur.get('at') ?? today, page: 1, ...next };
    const p = new URLSearchParams();
    if (f.q) p.set('q', f.q);
    if (f.type) p.set('type', f.type);
    if (f.at && f.at !== today) p.set('at', f.at);
    if (f.page > 1) p.set('page', String(f.page));
    const qs = p.toString();
    navigate('/units' + (qs ? '?' + qs : ''), { replace: true });
  };
  return { filters, set, today };
}

export const unitHref = (code: string, at: string, today: string) => `/units/${code}${at !== today ? `?at=${at}` : ''}`;

export function UnitsPage() {
  const { t } = useI18n();
  const { user } = useUser();
  const { filters, set, today } = useFilters();
  const [qText, setQText] = useState(filters.q);
  const [atText, setAtText] = useState(formatDate(filters.at));
  const [atError, setAtError] = useState(false);

  // Debounced search: the request goes once typing pauses.
  useEffect(() => {
    if (qText.trim() === filters.q) return;
    const timer = setTimeout(() => set({ q: qText.trim() }), 350);
    return () => clearTimeout(timer);
  }, [qText]);
  useEffect(() => setAtText(formatDate(filters.at)), [filters.at]);

  const applyAt = (e?: FormEvent) => {
    e?.preventDefault();
    const iso = atText.trim() === '' ? today : parseDate(atText);
    setAtError(!iso);
    if (iso && iso !== filters.at) set({ at: iso });
  };

  // Province names for the result list (the province list is small and scoped by the server).
  const provinces = useLoad(
    (signal) => api.get<UnitPage>('/api/units', { level: 'province', pageSize: 50, at: filters.at }, signal),
    [filters.at],
  );
  // An account that may not list the provinces (a staff account) still reads its own province's name: never its code.
  const ownProvince = useLoad(
    (signal) =>
      user.provinceCode
        ? api
            .get<UnitDetail>(`/api/units/${user.provinceCode}`, { at: filters.at }, signal)
            .then((u) => u.fullName)
            .catch(() => null)
        : Promise.resolve(null),
    [user.provinceCode, filters.at],
  );
  const provinceNames = useMemo(() => {
    const m = new Map((provinces.data?.items ?? []).map((p) => [p.code, p.fullName]));
    if (user.provinceCode && ownProvince.data && !m.has(user.provinceCode)) m.set(user.provinceCode, ownProvince.data);
    return m;
  }, [provinces.data, ownProvince.data, user.provinceCode]);

  // Anyone of a commune (its unit account, its officials, its staff) sees its commune, not an empty province tree.
  const searching = filters.q !== '' || filters.type !== '' || !!user.communeCode;

  return (
    <div className="units-page">
      <h1>{t('units.title')}</h1>
      <form className="filters" onSubmit={applyAt} role="search">
        <label className="field field-grow">
          <span>{t('units.search')}</span>
          <input
            type="search"
            name="q"
            value={qText}
            placeholder={t('units.searchPlaceholder')}
            onChange={(e) => setQText(e.target.value)}
            autoComplete="off"
          />
        </label>
        <label className="field">
          <span>{t('units.type')}</span>
          <select name="type" value={filters.type} onChange={(e) => set({ type: e.target.value })}>
            <option value="">{t('units.allTypes')}</option>
            {TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {typeLabel(t, ty)}
              </option>
            ))}
          </select>
        </label>
        <label className="field field-date">
          <span>{t('units.at')}</span>
          <input
            name="at"
            inputMode="numeric"
            value={atText}
            onChange={(e) => setAtText(e.target.value)}
            onBlur={() => applyAt()}
            aria-invalid={atError}
            placeholder="dd/mm/yyyy"
          />
        </label>
        <button
          type="button"
          className="btn"
          disabled={filters.at === today}
          onClick={() => {
            setAtError(false);
            set({ at: today });
          }}
        >
          {t('units.today')}
        </button>
      </form>
      {atError && (
        <p className="alert alert-error" role="alert">
          {t('units.badDate')}
        </p>
      )}
      <p className="muted as-of">{t('units.asOf', { date: formatDate(filters.at) })}</p>
      {searching ? (
        <SearchResults filters={filters} provinceNames={provinceNames} today={today} onPage={(page) => set({ page })} />
      ) : (
        <ProvinceTree
          provinces={provinces}
          at={filters.at}
          today={today}
          autoOpen={user.role === 'province' ? user.provinceCode : null}
        />
      )}
    </div>
  );
}

function SearchResults({
  filters,
  provinceNames,
  today,
  onPage,
}: {
  filters: { q: string; type: string; at: string; page: number };
  provinceNames: Map<string, string>;
  today: string;
  onPage(p: number): void;
}) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) =>
      api.get<UnitPage>(
        '/api/units',
        { q: filters.q, type: filters.type, at: filters.at, page: filters.page, pageSize: PAGE_SIZE },
        signal,
      ),
    [filters.q, filters.type, filters.at, filters.page],
  );
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const { items, total, page, pageSize } = res.data;
  return (
    <section aria-busy={res.loading}>
      <p className="result-count" data-testid="result-count">
        {t('units.results', { n: formatInteger(total) })}
      </p>
      {items.length === 0 ? (
        <p className="empty">{t('units.noResults')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone">
            <thead>
              <tr>
                <th>{t('units.col.name')}</th>
                <th>{t('units.col.code')}</th>
                <th>{t('units.col.type')}</th>
                <th>{t('units.col.province')}</th>
                <th className="num">{t('units.col.area')}</th>
                <th className="num">{t('units.col.population')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.code}>
                  <td data-label={t('units.col.name')}>
                    <Link href={unitHref(u.code, filters.at, today)} className="strong">
                      {u.fullName}
                    </Link>
                    {u.formerly && u.formerly.length > 0 && (
                      <div className="muted small" data-testid="formerly">
                        {t('units.formerly', {
                          names: u.formerly
                            .map(
                              (f) =>
                                [f.name, f.districtName, f.provinceName].filter(Boolean).join(', ') +
                                (f.relation === 'part' ? ` ${t('units.formerPart')}` : ''),
                            )
                            .join('; '),
                        })}
                      </div>
                    )}
                  </td>
                  <td data-label={t('units.col.code')}>{u.code}</td>
                  <td data-label={t('units.col.type')}>{typeLabel(t, u.type)}</td>
                  <td data-label={t('units.col.province')}>
                    {u.level === 'province' ? t('common.none') : (provinceNames.get(u.provinceCode) ?? '…')}
                  </td>
                  <td data-label={t('units.col.area')} className="num">
                    {formatNumber(u.areaKm2)}
                  </td>
                  <td data-label={t('units.col.population')} className="num">
                    {formatInteger(u.population)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageSize={pageSize} total={total} onPage={onPage} />
    </section>
  );
}

type Communes = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ok'; items: UnitItem[] };

function ProvinceTree({
  provinces,
  at,
  today,
  autoOpen,
}: {
  provinces: Loadable<UnitPage>;
  at: string;
  today: string;
  autoOpen: string | null;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Set<string>>(() => new Set(autoOpen ? [autoOpen] : []));
  const [communes, setCommunes] = useState<Map<string, Communes>>(new Map());

  // Communes depend on the date: forget them when it changes.
  useEffect(() => setCommunes(new Map()), [at]);

  useEffect(() => {
    for (const code of open) {
      if (communes.has(code)) continue;
      setCommunes((m) => new Map(m).set(code, { status: 'loading' }));
      api.get<UnitPage>('/api/units', { level: 'commune', province: code, pageSize: 500, at }).then(
        (r) => setCommunes((m) => new Map(m).set(code, { status: 'ok', items: [...r.items].sort(byName) })),
        (error: unknown) => setCommunes((m) => new Map(m).set(code, { status: 'error', error })),
      );
    }
  }, [open, communes, at]);

  if (provinces.error) return <ErrorBox error={provinces.error} onRetry={provinces.reload} />;
  if (!provinces.data) return <Loading />;
  const items = [...provinces.data.items].sort(byName);
  const toggle = (code: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(code)) n.delete(code);
      else n.add(code);
      return n;
    });

  return (
    <section>
      <p className="result-count" data-testid="province-count">
        {t('units.provinceCount', { n: items.length })}
      </p>
      <ul className="tree">
        {items.map((p) => {
          const isOpen = open.has(p.code);
          const c = communes.get(p.code);
          return (
            <li key={p.code} className="tree-province" data-testid="province-row">
              <div className="tree-row">
                <button
                  type="button"
                  className="tree-toggle"
                  aria-expanded={isOpen}
                  aria-label={t(isOpen ? 'units.collapse' : 'units.expand', { name: p.fullName })}
                  onClick={() => toggle(p.code)}
                >
                  {isOpen ? '▾' : '▸'}
                </button>
                <div className="tree-main">
                  <Link href={unitHref(p.code, at, today)} className="strong">
                    {p.fullName}
                  </Link>
                  <span className="tree-meta">
                    {p.counts &&
                      t('units.countsShort', { xa: p.counts.xa, phuong: p.counts.phuong, dac_khu: p.counts.dac_khu })}
                    {p.population != null && ` · ${t('unit.people', { n: formatInteger(p.population) })}`}
                  </span>
                </div>
              </div>
              {isOpen && (
                <div className="tree-children">
                  {!c || c.status === 'loading' ? (
                    <Loading />
                  ) : c.status === 'error' ? (
                    <p className="alert alert-error">{errorText(t, c.error)}</p>
                  ) : (
                    <>
                      <p className="muted small">{t('units.communeCount', { n: c.items.length })}</p>
                      <ul className="commune-list">
                        {c.items.map((u) => (
                          <li key={u.code}>
                            <Link href={unitHref(u.code, at, today)}>{u.fullName}</Link>
                            <span className="muted small">
                              {' '}
                              · {t('unit.people', { n: formatInteger(u.population) })}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
