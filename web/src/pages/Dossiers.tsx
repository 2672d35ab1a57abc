import { useEffect, useState } from 'react';
import { api, type Page, type UnitPage } from '../api';
import { can, useUser } from '../auth';
import { ErrorBox, Loading, Pager, SelectFilter, useLoad } from '../components/common';
import { DataTable } from '../components/DataTable';
import {
  DOSSIER_FIGURES,
  FIELDS,
  STATUSES,
  fieldLabel,
  statusLabel,
  useProcedureMap,
  type ApologyWarning,
  type Dossier,
  type DossierFigure,
  type DossierListItem,
} from '../dossiers';
import { formatDate, formatDateTime, formatInteger, parseDate } from '../format';
import { useI18n } from '../i18n';
import { useUnitNames } from '../workforce';
import { Link, navigate, useLocation, withQuery } from '../router';

const PAGE_SIZE = 50;

interface Filters {
  q: string;
  province: string;
  unit: string;
  status: string;
  field: string;
  overdue: boolean;
  dueToday: boolean;
  from: string;
  to: string;
  /** the dossiers behind a figure of the board (a link from the board or a unit's page) */
  figure: DossierFigure | '';
  page: number;
}

function readFilters(query: URLSearchParams): Filters {
  return {
    q: query.get('q') ?? '',
    province: query.get('province') ?? '',
    unit: query.get('unit') ?? '',
    status: query.get('status') ?? '',
    field: query.get('field') ?? '',
    overdue: query.get('overdue') === '1',
    dueToday: query.get('dueToday') === '1',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
    figure: (DOSSIER_FIGURES as readonly string[]).includes(query.get('figure') ?? '')
      ? (query.get('figure') as DossierFigure)
      : '',
    page: Math.max(1, Number(query.get('page')) || 1),
  };
}

/** The filters live in the address bar, so Back and shared links keep them. */
function useFilters() {
  const { query } = useLocation();
  const filters = readFilters(query);
  const set = (next: Partial<Filters>) => {
    const f = { ...readFilters(new URLSearchParams(window.location.search)), page: 1, ...next };
    navigate(
      withQuery('/dossiers', {
        q: f.q,
        province: f.province,
        unit: f.unit,
        status: f.status,
        field: f.field,
        overdue: f.overdue,
        dueToday: f.dueToday,
        from: f.from,
        to: f.to,
        figure: f.figure,
        page: f.page,
      }),
      { replace: true },
    );
  };
  return { filters, set };
}

export function DossiersPage() {
  const { t, lang } = useI18n();
  const { user, writable } = useUser();
  const { filters, set } = useFilters();
  const [qText, setQText] = useState(filters.q);
  const [fromText, setFromText] = useState(formatDate(filters.from));
  const [toText, setToText] = useState(formatDate(filters.to));
  const [dateError, setDateError] = useState(false);

  useEffect(() => {
    if (qText.trim() === filters.q) return;
    const timer = setTimeout(() => set({ q: qText.trim() }), 350);
    return () => clearTimeout(timer);
  }, [qText]);
  useEffect(() => setFromText(formatDate(filters.from)), [filters.from]);
  useEffect(() => setToText(formatDate(filters.to)), [filters.to]);

  const applyDate = (key: 'from' | 'to', text: string) => {
    const iso = text.trim() === '' ? '' : parseDate(text);
    setDateError(iso === null);
    if (iso !== null && iso !== filters[key]) set({ [key]: iso });
  };

  const listFilter = {
    q: filters.q,
    province: filters.province,
    unit: filters.unit,
    status: filters.status,
    field: filters.field,
    overdue: filters.overdue && 'true',
    dueToday: filters.dueToday && 'true',
    from: filters.from,
    to: filters.to,
    figure: filters.figure,
  };
  // The Ministry picks a province, a province (or the Ministry with one picked) a commune; a commune sees its own.
  const wholeCountry = !user.provinceCode;
  const pickProvince = user.provinceCode ?? filters.province;
  const manyUnits = !user.communeCode;
  const provinceList = useLoad(
    (signal) =>
      wholeCountry
        ? api.get<UnitPage>('/api/units', { level: 'province', pageSize: 50 }, signal)
        : Promise.resolve(null),
    [wholeCountry],
  );
  const communes = useUnitNames(manyUnits ? [pickProvince] : []);
  const communeOptions = (communes.units.get(pickProvince) ?? []).filter((u) => u.level === 'commune');
  const res = useLoad(
    (signal) =>
      api.get<Page<DossierListItem> & { totalCapped?: boolean }>(
        '/api/dossiers',
        {
          q: filters.q,
          province: filters.province,
          unit: filters.unit,
          status: filters.status,
          field: filters.field,
          overdue: filters.overdue && 'true',
          dueToday: filters.dueToday && 'true',
          from: filters.from,
          to: filters.to,
          figure: filters.figure,
          page: filters.page,
          pageSize: PAGE_SIZE,
        },
        signal,
      ),
    [
      filters.q,
      filters.province,
      filters.unit,
      filters.status,
      filters.field,
      filters.overdue,
      filters.dueToday,
      filters.from,
      filters.to,
      filters.figure,
      filters.page,
    ],
  );
  const provinces = user.provinceCode
    ? [user.provinceCode]
    : [...new Set((res.data?.items ?? []).map((d) => d.provinceCode))];
  const procedures = useProcedureMap(provinces);
  const anyFilter =
    filters.q ||
    filters.province ||
    filters.unit ||
    filters.status ||
    filters.field ||
    filters.overdue ||
    filters.dueToday ||
    filters.from ||
    filters.to ||
    filters.figure;

  return (
    <div className="dossiers-page">
      <div className="page-head">
        <h1>{t('dossiers.title')}</h1>
        <div className="actions">
          <a className="btn" href={withQuery('/api/dossiers/export', { ...listFilter, lang })} download>
            {t('dossiers.export')}
          </a>
          {can(user, 'dossiers.receive') && writable && (
            <Link href="/dossiers/new" className="btn btn-primary">
              {t('dossiers.receive')}
            </Link>
          )}
        </div>
      </div>
      <ApologyWarnings />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="field field-grow">
          <span>{t('dossiers.q')}</span>
          <input
            type="search"
            name="q"
            value={qText}
            placeholder={t('dossiers.qPlaceholder')}
            autoComplete="off"
            onChange={(e) => setQText(e.target.value)}
          />
        </label>
        {wholeCountry && (
          <SelectFilter
            name="province"
            label={t('dossiers.province')}
            value={filters.province}
            allLabel={t('dossiers.allProvinces')}
            options={(provinceList.data?.items ?? []).map((p) => p.code)}
            labelOf={(v) => provinceList.data?.items.find((p) => p.code === v)?.fullName ?? v}
            onChange={(v) => set({ province: v, unit: '' })}
          />
        )}
        {manyUnits && pickProvince && (
          <SelectFilter
            name="unit"
            label={t('dossiers.unit')}
            value={filters.unit}
            allLabel={t('dossiers.allUnits')}
            options={communeOptions.map((u) => u.code)}
            labelOf={(v) => communes.nameOf(v)}
            onChange={(v) => set({ unit: v })}
          />
        )}
        <SelectFilter
          name="status"
          label={t('dossiers.status')}
          value={filters.status}
          allLabel={t('dossiers.allStatuses')}
          options={STATUSES}
          labelOf={(v) => statusLabel(t, v)}
          onChange={(v) => set({ status: v })}
        />
        <SelectFilter
          name="field"
          label={t('dossiers.field')}
          value={filters.field}
          allLabel={t('dossiers.allFields')}
          options={FIELDS}
          labelOf={(v) => fieldLabel(t, v)}
          onChange={(v) => set({ field: v })}
        />
        <label className="field field-date">
          <span>{t('dossiers.from')}</span>
          <input
            name="from"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            value={fromText}
            aria-invalid={dateError && fromText !== '' && !parseDate(fromText)}
            onChange={(e) => setFromText(e.target.value)}
            onBlur={() => applyDate('from', fromText)}
          />
        </label>
        <label className="field field-date">
          <span>{t('dossiers.to')}</span>
          <input
            name="to"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            value={toText}
            aria-invalid={dateError && toText !== '' && !parseDate(toText)}
            onChange={(e) => setToText(e.target.value)}
            onBlur={() => applyDate('to', toText)}
          />
        </label>
        <div className="checks">
          <label className="check">
            <input
              type="checkbox"
              name="overdue"
              checked={filters.overdue}
              onChange={(e) => set({ overdue: e.target.checked })}
            />
            <span>{t('dossiers.overdue')}</span>
          </label>
          <label className="check">
            <input
              type="checkbox"
              name="dueToday"
              checked={filters.dueToday}
              onChange={(e) => set({ dueToday: e.target.checked })}
            />
            <span>{t('dossiers.dueToday')}</span>
          </label>
        </div>
        {anyFilter && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setQText('');
              setDateError(false);
              navigate('/dossiers', { replace: true });
            }}
          >
            {t('dossiers.clear')}
          </button>
        )}
      </form>
      {filters.figure && (
        <p className="alert alert-info" data-testid="dossiers-figure">
          {t('figure.filteredBy', { figure: t(`figure.${filters.figure}`) })}{' '}
          <button type="button" className="btn btn-small" onClick={() => set({ figure: '' })}>
            {t('figure.clear')}
          </button>
        </p>
      )}
      {dateError && (
        <p className="alert alert-error" role="alert">
          {t('units.badDate')}
        </p>
      )}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <section aria-busy={res.loading}>
          <p className="result-count" data-testid="dossier-count">
            {t(res.data.totalCapped ? 'dossiers.resultsMore' : 'dossiers.results', {
              n: formatInteger(res.data.total),
            })}
          </p>
          <DataTable
            rows={res.data.items}
            rowKey={(d) => d.id}
            empty={t('dossiers.none')}
            className="dossier-table"
            rowClassName={(d) => (d.overdue ? 'row-overdue' : undefined)}
            rowTestId="dossier-row"
            columns={[
              {
                header: t('dossiers.col.code'),
                cell: (d) => (
                  <Link href={`/dossiers/${d.id}`} className="strong mono">
                    {d.receiptCode}
                  </Link>
                ),
              },
              {
                header: t('dossiers.col.procedure'),
                cell: (d) => procedures.get(d.procedureCode)?.name ?? d.procedureCode,
              },
              ...(manyUnits
                ? [
                    {
                      header: t('dossiers.col.unit'),
                      cell: (d: DossierListItem) => d.handlingUnitName ?? d.handlingUnitCode,
                    },
                  ]
                : []),
              { header: t('dossiers.col.applicant'), cell: (d) => d.applicantName },
              {
                header: t('dossiers.col.received'),
                cell: (d) => formatDateTime(d.receivedAt),
                className: 'nowrap',
                headerClassName: '',
              },
              {
                header: t('dossiers.col.due'),
                cell: (d) => <DueDate d={d} />,
                className: 'nowrap',
                headerClassName: '',
              },
              { header: t('dossiers.col.status'), cell: (d) => <StatusBadge status={d.status} /> },
            ]}
          />
          <Pager
            page={res.data.page}
            pageSize={res.data.pageSize}
            total={res.data.total}
            more={res.data.totalCapped}
            onPage={(page) => set({ page })}
          />
        </section>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`status status-${status}`}>{statusLabel(t, status)}</span>;
}

export function DueDate({ d }: { d: Pick<Dossier, 'dueDate' | 'overdue' | 'status' | 'originalDueDate'> }) {
  const { t } = useI18n();
  return (
    <>
      {d.dueDate ? (
        formatDate(d.dueDate)
      ) : (
        <span className="muted">
          {d.status === 'supplement_requested' ? t('dossier.clockStopped') : t('common.none')}
        </span>
      )}
      {d.overdue && (
        <>
          {' '}
          <span className="badge badge-overdue">{t('dossier.overdue')}</span>
        </>
      )}
    </>
  );
}

function ApologyWarnings() {
  const { t } = useI18n();
  const res = useLoad(
    (signal) => api.get<{ items: ApologyWarning[] }>('/api/dossiers/apology-warnings', undefined, signal),
    [],
  );
  const items = res.data?.items ?? [];
  // A province may have dozens: show the first few so the list itself stays on screen.
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  return (
    <section className="alert alert-warn warn-box" role="status" data-testid="apology-warnings">
      <div>
        <h2>{t('dossiers.warn.title', { n: items.length })}</h2>
        <p>{t('dossiers.warn.text')}</p>
        <ul>
          {items.slice(0, all ? 200 : WARN_ROWS).map((d) => (
            <li key={d.id}>
              <Link href={`/dossiers/${d.id}`} className="mono">
                {d.receiptCode}
              </Link>{' '}
              · {d.applicantName} ·{' '}
              {t('dossiers.warn.item', { due: formatDate(d.dueDate), latest: formatDate(d.latestApologyDay) })}
            </li>
          ))}
        </ul>
        {items.length > WARN_ROWS && (
          <button
            type="button"
            className="btn btn-small show-all"
            aria-expanded={all}
            onClick={() => setAll((x) => !x)}
          >
            {all ? t('board.showTop', { n: WARN_ROWS }) : t('board.showAll', { n: items.length })}
          </button>
        )}
      </div>
    </section>
  );
}

const WARN_ROWS = 5;
