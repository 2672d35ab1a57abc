import { useEffect, useState } from 'react';
import { api, type Page, type UnitPage } from '../api';
import { can, useUser } from '../auth';
import { ErrorBox, Loading, Pager, SelectFilter, useLoad } from '../components/common';
import { DataTable } from '../components/DataTable';
import { byName, formatInteger, todayInVietnam } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation, withQuery } from '../router';
import { WorkforceImport } from '../components/WorkforceImport';
import { CATEGORIES, ageOn, categoryLabel, educationLabel, exportHref, useUnitNames, type Person } from '../workforce';

const PAGE_SIZE = 50;

interface Filters {
  q: string;
  province: string;
  unit: string;
  category: string;
  page: number;
}

function readFilters(query: URLSearchParams): Filters {
  return {
    q: query.get('q') ?? '',
    province: query.get('province') ?? '',
    unit: query.get('unit') ?? '',
    category: query.get('category') ?? '',
    page: Math.max(1, Number(query.get('page')) || 1),
  };
}

/** The filters live in the address bar, so Back and shared links keep them. */
function useFilters() {
  const { query } = useLocation();
  const filters = readFilters(query);
  const set = (next: Partial<Filters>) => {
    const f = { ...readFilters(new URLSearchParams(window.location.search)), page: 1, ...next };
    if ('province' in next) f.unit = '';
    navigate(withQuery('/people', { q: f.q, province: f.province, unit: f.unit, category: f.category, page: f.page }), {
      replace: true,
    });
  };
  return { filters, set };
}

export function PeoplePage() {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const { filters, set } = useFilters();
  const [qText, setQText] = useState(filters.q);
  const [importing, setImporting] = useState(false);
  const canImport = writable && can(user, 'workforce.import');
  const today = todayInVietnam();

  useEffect(() => {
    if (qText.trim() === filters.q) return;
    const timer = setTimeout(() => set({ q: qText.trim() }), 350);
    return () => clearTimeout(timer);
  }, [qText]);

  // A commune officer keeps its own staff: the unit is fixed.
  const province = user.provinceCode ?? filters.province;
  const unit = user.communeCode ?? filters.unit;
  const provinces = useLoad(
    (signal) =>
      user.provinceCode
        ? Promise.resolve([])
        : api
            .get<UnitPage>('/api/units', { level: 'province', pageSize: 50 }, signal)
            .then((r) => [...r.items].sort(byName)),
    [user.provinceCode],
  );
  const res = useLoad(
    (signal) =>
      api.get<Page<Person>>(
        '/api/people',
        { q: filters.q, unit: unit || undefined, category: filters.category, page: filters.page, pageSize: PAGE_SIZE },
        signal,
      ),
    [filters.q, unit, filters.category, filters.page],
  );
  const { nameOf, units } = useUnitNames([province, ...(res.data?.items ?? []).map((p) => p.provinceCode)]);
  const unitOptions = [...(units.get(province) ?? [])].sort((a, b) =>
    a.level === b.level ? a.fullName.localeCompare(b.fullName, 'vi') : a.level === 'province' ? -1 : 1,
  );

  return (
    <div className="people-page">
      <div className="page-head">
        <h1>{t('wf.people.title')}</h1>
        <div className="actions">
          <Link href="/workforce" className="btn">
            {t('wf.summary.title')}
          </Link>
          <a className="btn" href={exportHref(unit || province || undefined)} download data-testid="export-link">
            {t('wf.export')}
          </a>
          {canImport && (
            <button type="button" className="btn" aria-expanded={importing} onClick={() => setImporting((x) => !x)}>
              {t('wf.import.open')}
            </button>
          )}
        </div>
      </div>
      {importing && <WorkforceImport onImported={res.reload} />}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="field field-grow">
          <span>{t('wf.people.q')}</span>
          <input
            type="search"
            name="q"
            value={qText}
            placeholder={t('wf.people.qPlaceholder')}
            autoComplete="off"
            onChange={(e) => setQText(e.target.value)}
          />
        </label>
        {!user.provinceCode && (
          <label className="field">
            <span>{t('board.province')}</span>
            <select name="province" value={filters.province} onChange={(e) => set({ province: e.target.value })}>
              <option value="">{t('board.wholeCountry')}</option>
              {(provinces.data ?? []).map((p) => (
                <option key={p.code} value={p.code}>
                  {p.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        {!user.communeCode && (
          <label className="field">
            <span>{t('wf.people.unit')}</span>
            <select
              name="unit"
              value={filters.unit}
              disabled={!province}
              onChange={(e) => set({ unit: e.target.value })}
            >
              <option value="">{user.provinceCode ? t('wf.people.allUnits') : t('wf.people.allUnitsCountry')}</option>
              {unitOptions.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        <SelectFilter
          name="category"
          label={t('wf.people.category')}
          value={filters.category}
          allLabel={t('wf.people.allCategories')}
          options={CATEGORIES}
          labelOf={(v) => categoryLabel(t, v)}
          onChange={(v) => set({ category: v })}
        />
      </form>
      {user.communeCode && <p className="muted as-of">{t('wf.people.ownUnit', { unit: nameOf(user.communeCode) })}</p>}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <section aria-busy={res.loading}>
          <p className="result-count" data-testid="people-count">
            {t('wf.people.results', { n: formatInteger(res.data.total) })}
          </p>
          <DataTable
            rows={res.data.items}
            rowKey={(p) => p.id}
            empty={t('wf.people.none')}
            testId="people"
            rowTestId="person-row"
            columns={[
              {
                header: t('wf.col.name'),
                cell: (p) => (
                  <Link href={`/people/${p.id}`} className="strong">
                    {p.fullName}
                  </Link>
                ),
              },
              { header: t('wf.col.unit'), cell: (p) => nameOf(p.unitCode) },
              { header: t('wf.col.category'), cell: (p) => categoryLabel(t, p.category) },
              { header: t('wf.col.education'), cell: (p) => educationLabel(t, p.educationLevel) },
              { header: t('wf.col.age'), cell: (p) => ageOn(p.birthDate, today), className: 'num' },
            ]}
          />
          <Pager
            page={res.data.page}
            pageSize={res.data.pageSize}
            total={res.data.total}
            onPage={(page) => set({ page })}
          />
        </section>
      )}
    </div>
  );
}
