import { lazy, Suspense, useCallback, useMemo, useState, type FormEvent } from 'react';
import { api, type Page } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, Pager, errorText, useLoad } from '../components/common';
import { DataTable } from '../components/DataTable';
import { loadProvinceGeo, ProvinceChoropleth } from '../components/ProvinceChoropleth';
import { formatDate, formatInteger, formatNumber, todayInVietnam } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { navigate, useLocation } from '../router';
import type { DigitizationBoard, Handover, HandoverBoard } from '../../../src/modules/archives/contract';
import { FORMER_LEVELS as LEVELS, HANDOVER_STATES as STATES } from '../../../src/modules/archives/domain/handover';

const STAGES = ['scanned', 'checked', 'described', 'published'] as const;
const TABS = ['handovers', 'board', 'digitization', 'plans', 'search'] as const;
type Tab = (typeof TABS)[number];

// The digitization screens (plans, batches, uploads, descriptions, search) load only when opened.
const PlansView = lazy(() => import('./ArchivesDigitization').then((m) => ({ default: m.PlansView })));
const DescriptionSearch = lazy(() => import('./ArchivesDigitization').then((m) => ({ default: m.DescriptionSearch })));

const percent = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)}%`;

/** Archives after the merger: hand-overs of the former units' archives, the share received, digitization progress. */
export default function ArchivesPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const asked = query.get('tab') as Tab | null;
  const tab: Tab = asked && TABS.includes(asked) ? asked : 'handovers';
  const go = (next: Tab) => navigate(`/luu-tru${next === 'handovers' ? '' : `?tab=${next}`}`, { replace: true });
  return (
    <div className="archives-page">
      <h1>{t('arch.title')}</h1>
      <p className="muted">{t('arch.intro')}</p>
      <div className="tabs" role="tablist">
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={`btn${tab === k ? ' active' : ''}`}
            onClick={() => go(k)}
          >
            {t(`arch.tab.${k}` as MessageKey)}
          </button>
        ))}
      </div>
      {tab === 'handovers' && <Handovers />}
      {tab === 'board' && <HandoverBoardView />}
      {tab === 'digitization' && <DigitizationBoardView />}
      <Suspense fallback={<Loading />}>
        {tab === 'plans' && <PlansView />}
        {tab === 'search' && <DescriptionSearch />}
      </Suspense>
    </div>
  );
}

function Handovers() {
  const { t } = useI18n();
  const [level, setLevel] = useState('');
  const [state, setState] = useState('');
  const [missing, setMissing] = useState(false);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const res = useLoad(
    (signal) =>
      api.get<Page<Handover>>(
        '/api/archives/handovers',
        { level, state, missing: missing ? 'true' : false, q, page, pageSize: 50 },
        signal,
      ),
    [level, state, missing, q, page],
  );
  return (
    <section>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="field field-grow">
          <span>{t('arch.q')}</span>
          <input type="search" name="q" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} />
        </label>
        <label className="field">
          <span>{t('arch.level')}</span>
          <select name="level" value={level} onChange={(e) => (setLevel(e.target.value), setPage(1))}>
            <option value="">{t('arch.all')}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`arch.level.${l}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('arch.state')}</span>
          <select name="state" value={state} onChange={(e) => (setState(e.target.value), setPage(1))}>
            <option value="">{t('arch.all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`arch.state.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field checkbox">
          <input type="checkbox" checked={missing} onChange={(e) => (setMissing(e.target.checked), setPage(1))} />
          <span>{t('arch.missing')}</span>
        </label>
      </form>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <>
          <p className="result-count">{t('arch.count', { n: formatInteger(res.data.total) })}</p>
          <DataTable
            rows={res.data.items}
            loading={res.loading}
            rowKey={(h) => h.id}
            empty={t('arch.none')}
            testId="handovers"
            rowTestId="handover-row"
            detail={(h) => open === h.id && <HandoverDetail h={h} onChanged={res.reload} />}
            columns={[
              {
                header: t('arch.former'),
                cell: (h) => (
                  <>
                    <button
                      type="button"
                      className="link"
                      onClick={() => setOpen(open === h.id ? null : h.id)}
                      aria-expanded={open === h.id}
                    >
                      {h.formerName}
                    </button>
                    <span className="muted small block">
                      {t(`arch.level.${h.formerLevel}` as MessageKey)}
                      {h.formerParentName ? ` · ${h.formerParentName}` : ''}
                    </span>
                  </>
                ),
              },
              {
                header: t('arch.successor'),
                cell: (h) => (
                  <>
                    {h.successorName}
                    {h.suggestionBasis === 'none' && !h.designated && (
                      <span className="badge">{t('arch.toDesignate')}</span>
                    )}
                  </>
                ),
              },
              {
                header: t('arch.state'),
                cell: (h) => (
                  <>
                    <span className={`badge state-${h.state}`}>{t(`arch.state.${h.state}` as MessageKey)}</span>
                    {h.shortfalls.length > 0 && (
                      <span className="muted small block">
                        {t('arch.shortfallCount', { n: h.shortfalls.reduce((a, s) => a + s.files, 0) })}
                      </span>
                    )}
                  </>
                ),
              },
              {
                header: t('arch.files'),
                cell: (h) => (h.extent ? formatInteger(h.extent.files) : t('common.none')),
              },
            ]}
          />
          <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function HandoverDetail({ h, onChanged }: { h: Handover; onChanged(): void }) {
  const { t } = useI18n();
  const { writable } = useUser();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const today = todayInVietnam();
  const send = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(path, body);
      onChanged();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const act = (body: Record<string, unknown>) =>
    send(`/api/archives/handovers/${h.id}/actions`, { ...body, version: h.version });
  const value = (f: FormData, k: string) => String(f.get(k) ?? '').trim();
  const num = (f: FormData, k: string) => Number(value(f, k) || 0);
  const can = (a: string) => writable && h.actions.includes(a);

  return (
    <div className="panel" data-testid="handover-detail">
      <dl className="facts">
        <dt>{t('arch.receivedFrom')}</dt>
        <dd>
          {h.formerName} ({h.formerProvinceName})
        </dd>
        {h.extent && (
          <>
            <dt>{t('arch.extent')}</dt>
            <dd>
              {t('arch.extentText', {
                metres: formatNumber(h.extent.shelfMetres),
                boxes: formatInteger(h.extent.boxes),
                files: formatInteger(h.extent.files),
                from: h.extent.yearFrom,
                to: h.extent.yearTo,
                permanent: formatInteger(h.extent.permanentFiles),
              })}
            </dd>
          </>
        )}
        {h.handedOverOn && (
          <>
            <dt>{t('arch.minutes')}</dt>
            <dd>
              {h.recordNumber} · {formatDate(h.handedOverOn)} ·{' '}
              {h.signatories.map((s) => `${s.name} (${s.position})`).join('; ')}
              {h.minutes && (
                <>
                  {' · '}
                  <a href={`/api/archives/handovers/${h.id}/minutes`}>{h.minutes.name}</a>
                </>
              )}
            </dd>
          </>
        )}
        {h.receivedOn && (
          <>
            <dt>{t('arch.receivedOn')}</dt>
            <dd>{formatDate(h.receivedOn)}</dd>
          </>
        )}
        {h.shortfalls.length > 0 && (
          <>
            <dt>{t('arch.shortfalls')}</dt>
            <dd>
              <ul>
                {h.shortfalls.map((s, i) => (
                  <li key={i}>
                    {s.description} ({t('arch.filesN', { n: s.files })})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {can('designate') && (
        <form
          className="inline-form"
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            void send(`/api/archives/handovers/${h.id}/designate`, {
              successorCode: value(new FormData(e.currentTarget), 'successorCode'),
              version: h.version,
            });
          }}
        >
          <label className="field">
            <span>{t('arch.designate')}</span>
            <select name="successorCode" defaultValue={h.successorCode}>
              {h.options.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name} — {t(`relation.${o.relation}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
          <button className="btn" disabled={busy}>
            {t('common.save')}
          </button>
        </form>
      )}
      {can('inventory') && (
        <form
          className="grid-form"
          data-testid="inventory-form"
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            void act({
              action: 'inventory',
              extent: {
                shelfMetres: num(f, 'shelfMetres'),
                boxes: num(f, 'boxes'),
                files: num(f, 'permanentFiles') + num(f, 'fixedTermFiles'),
                yearFrom: num(f, 'yearFrom'),
                yearTo: num(f, 'yearTo'),
                permanentFiles: num(f, 'permanentFiles'),
                fixedTermFiles: num(f, 'fixedTermFiles'),
              },
            });
          }}
        >
          <h3>{t('arch.inventory')}</h3>
          {(['shelfMetres', 'boxes', 'permanentFiles', 'fixedTermFiles', 'yearFrom', 'yearTo'] as const).map((k) => (
            <label key={k} className="field">
              <span>{t(`arch.f.${k}` as MessageKey)}</span>
              <input name={k} type="number" min={0} step={k === 'shelfMetres' ? 0.1 : 1} required />
            </label>
          ))}
          <button className="btn btn-primary" disabled={busy}>
            {t('arch.do.inventory')}
          </button>
        </form>
      )}
      {can('hand_over') && (
        <form
          className="grid-form"
          data-testid="handover-form"
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            void act({
              action: 'hand_over',
              handedOverOn: value(f, 'handedOverOn'),
              recordNumber: value(f, 'recordNumber'),
              signatories: [
                { side: 'handing', name: value(f, 'handingName'), position: value(f, 'handingPosition') },
                { side: 'receiving', name: value(f, 'receivingName'), position: value(f, 'receivingPosition') },
              ],
            });
          }}
        >
          <h3>{t('arch.handOver')}</h3>
          <label className="field">
            <span>{t('arch.f.handedOverOn')}</span>
            <input name="handedOverOn" type="date" max={today} required />
          </label>
          <label className="field">
            <span>{t('arch.f.recordNumber')}</span>
            <input name="recordNumber" required placeholder="07/BB-BGTL" />
          </label>
          {(['handing', 'receiving'] as const).map((side) => (
            <fieldset key={side}>
              <legend>{t(`arch.side.${side}` as MessageKey)}</legend>
              <input name={`${side}Name`} required aria-label={t('arch.f.name')} placeholder={t('arch.f.name')} />
              <input name={`${side}Position`} aria-label={t('arch.f.position')} placeholder={t('arch.f.position')} />
            </fieldset>
          ))}
          <button className="btn btn-primary" disabled={busy}>
            {t('arch.do.hand_over')}
          </button>
        </form>
      )}
      {can('receive') && (
        <form
          className="grid-form"
          data-testid="receive-form"
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const description = value(f, 'shortfall');
            void act({
              action: 'receive',
              receivedOn: value(f, 'receivedOn'),
              shortfalls: description ? [{ description, files: num(f, 'shortfallFiles') }] : [],
            });
          }}
        >
          <h3>{t('arch.receive')}</h3>
          <label className="field">
            <span>{t('arch.f.receivedOn')}</span>
            <input name="receivedOn" type="date" max={today} required />
          </label>
          <label className="field field-grow">
            <span>{t('arch.f.shortfall')}</span>
            <input name="shortfall" placeholder={t('arch.f.shortfallHint')} />
          </label>
          <label className="field">
            <span>{t('arch.f.shortfallFiles')}</span>
            <input name="shortfallFiles" type="number" min={0} defaultValue={0} />
          </label>
          <button className="btn btn-primary" disabled={busy}>
            {t('arch.do.receive')}
          </button>
        </form>
      )}
      {can('resolve_shortfalls') && (
        <form
          className="inline-form"
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            void act({ action: 'resolve_shortfalls', note: value(new FormData(e.currentTarget), 'note') });
          }}
        >
          <label className="field field-grow">
            <span>{t('arch.f.resolveNote')}</span>
            <input name="note" required />
          </label>
          <button className="btn" disabled={busy}>
            {t('arch.do.resolve_shortfalls')}
          </button>
        </form>
      )}
    </div>
  );
}

function HandoverBoardView() {
  const { t } = useI18n();
  const res = useLoad((signal) => api.get<HandoverBoard>('/api/archives/handovers/board', {}, signal), []);
  const geo = useLoad(() => loadProvinceGeo(), []);
  const values = useMemo(
    () => new Map((res.data?.rows ?? []).map((r) => [r.provinceCode, r.receivedShare * 100])),
    [res.data],
  );
  const names = useMemo(() => new Map((res.data?.rows ?? []).map((r) => [r.provinceCode, r.provinceName])), [res.data]);
  const format = useCallback((v: number) => `${formatNumber(Math.round(v * 10) / 10)}%`, []);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data) return <Loading />;
  const b = res.data;
  return (
    <section>
      <p data-testid="handover-total">
        {t('arch.board.total', { n: formatInteger(b.total.total), share: percent(b.total.receivedShare) })}
      </p>
      {b.rows.length > 1 && !geo.error && !geo.loading && (
        <ProvinceChoropleth
          values={values}
          names={names}
          label={t('arch.board.share')}
          format={format}
          testId="handover-map"
        />
      )}
      <table className="table" data-testid="handover-board">
        <thead>
          <tr>
            <th>{t('arch.board.province')}</th>
            <th>{t('arch.board.former')}</th>
            {STATES.map((s) => (
              <th key={s}>{t(`arch.state.${s}` as MessageKey)}</th>
            ))}
            <th>{t('arch.board.share')}</th>
            <th>{t('arch.board.shortfallFiles')}</th>
            <th>{t('arch.toDesignate')}</th>
          </tr>
        </thead>
        <tbody>
          {b.rows.map((r) => (
            <tr key={r.provinceCode}>
              <td>{r.provinceName}</td>
              <td>{formatInteger(r.total)}</td>
              {STATES.map((s) => (
                <td key={s}>{formatInteger(r.states[s])}</td>
              ))}
              <td>{percent(r.receivedShare)}</td>
              <td>{formatInteger(r.shortfallFiles)}</td>
              <td>{formatInteger(r.toDesignate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DigitizationBoardView() {
  const { t } = useI18n();
  const [year, setYear] = useState(Number(todayInVietnam().slice(0, 4)));
  const res = useLoad(
    (signal) => api.get<DigitizationBoard>('/api/archives/digitization/board', { year }, signal),
    [year],
  );
  return (
    <section>
      <label className="field">
        <span>{t('arch.dig.year')}</span>
        <input type="number" min={2025} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} />
      </label>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <table className="table" data-testid="digitization-board">
          <thead>
            <tr>
              <th>{t(res.data.level === 'country' ? 'arch.board.province' : 'arch.dig.unit')}</th>
              <th>{t('arch.dig.planned')}</th>
              {STAGES.map((s) => (
                <th key={s}>{t(`arch.stage.${s}` as MessageKey)}</th>
              ))}
              <th>{t('arch.dig.thisMonth', { month: res.data.month })}</th>
            </tr>
          </thead>
          <tbody>
            {[...res.data.rows, res.data.total].map((r, i) => (
              <tr key={r.code + i} className={i === res.data!.rows.length ? 'total' : undefined}>
                <td>
                  {i === res.data!.rows.length ? t('arch.dig.total') : r.name}
                  {r.behindPlan && <span className="badge badge-overdue">{t('arch.dig.behind')}</span>}
                </td>
                <td>
                  {t('arch.dig.pages', { files: formatInteger(r.plannedFiles), pages: formatInteger(r.plannedPages) })}
                </td>
                {STAGES.map((s) => (
                  <td key={s}>
                    {t('arch.dig.pages', {
                      files: formatInteger(r.done[s].files),
                      pages: formatInteger(r.done[s].pages),
                    })}
                  </td>
                ))}
                <td>{formatInteger(r.thisMonth.scanned.pages)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
