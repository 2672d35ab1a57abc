import { useState } from 'react';
import { api, ApiError, withQuery as apiQuery } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, Pager, SelectFilter, errorText, useLoad } from '../components/common';
import { formatDate, formatDateTime, whoText } from '../format';
import { useI18n } from '../i18n';
import { Link, match, navigate, useLocation } from '../router';
import {
  KINDS,
  anyFigureLabel,
  STATUSES,
  STATUS_CLASS,
  STEPS,
  columnLabel,
  figureLabel,
  periodLabel,
  showDifference,
  showValue,
  tableLabel,
  type ChildrenT,
  type FlowStep,
  type RecomputedT,
  type ReportPageT,
  type ReportT,
  type SectionT,
} from '../reports';
import { recentPeriods } from '../../../src/modules/reports/domain/periods';

/** The periodic reports: the list (/bao-cao) and a report (/bao-cao/:id). */
export function ReportsRoutes() {
  const { path } = useLocation();
  if (path === '/bao-cao') return <ReportsListPage />;
  const r = match('/bao-cao/:id', path);
  if (r) return <ReportPage key={r.id} id={r.id!} />;
  return null;
}

function StatusChip({ status }: { status: ReportT['status'] }) {
  const { t } = useI18n();
  return <span className={STATUS_CLASS[status]}>{t(`rp.status.${status}`)}</span>;
}

function ReportsListPage() {
  const { t, lang } = useI18n();
  const { user, writable } = useUser();
  const { query } = useLocation();
  const kind = query.get('kind') ?? '';
  const status = query.get('status') ?? '';
  const page = Number(query.get('page') ?? '1') || 1;
  const setQuery = (q: Record<string, string>) =>
    navigate(`/bao-cao?${new URLSearchParams(Object.entries(q).filter(([, v]) => v)).toString()}`, { replace: true });
  const list = useLoad(
    (signal) => api.get<ReportPageT>('/api/reports', { kind, status, page, pageSize: 50 }, signal),
    [kind, status, page],
  );
  // the caller's own reports, newest first: a province or the Ministry sees the level below's states for it
  const ownUnit = user.communeCode ?? (user.role === 'province' ? user.provinceCode : '');
  const own = list.data?.items.find((r) => r.unitCode === (ownUnit ?? '') && r.level !== 'commune');
  return (
    <section>
      <h1>{t('rp.title')}</h1>
      <p className="muted">{t('rp.intro')}</p>
      {writable && user.role !== 'viewer' && <CreateReport />}
      <div className="filters">
        <SelectFilter
          name="kind"
          label={t('rp.kind')}
          value={kind}
          allLabel={t('rp.all')}
          options={KINDS}
          labelOf={(k) => t(`rp.kind.${k as (typeof KINDS)[number]}`)}
          onChange={(v) => setQuery({ kind: v, status })}
        />
        <SelectFilter
          name="status"
          label={t('rp.status')}
          value={status}
          allLabel={t('rp.all')}
          options={STATUSES}
          labelOf={(s) => t(`rp.status.${s as (typeof STATUSES)[number]}`)}
          onChange={(v) => setQuery({ kind, status: v })}
        />
      </div>
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p>{t('rp.none')}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="rp-list">
              <thead>
                <tr>
                  <th>{t('rp.unit')}</th>
                  <th>{t('rp.kind')}</th>
                  <th>{t('rp.period')}</th>
                  <th>{t('rp.status')}</th>
                  <th>{t('rp.due')}</th>
                  <th>{t('rp.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link href={`/bao-cao/${r.id}`}>{r.unitName}</Link>
                    </td>
                    <td>{t(`rp.kind.${r.kind}`)}</td>
                    <td>{periodLabel(r.period, lang)}</td>
                    <td>
                      <StatusChip status={r.status} /> {r.late && <span className="chip chip-off">{t('rp.late')}</span>}
                    </td>
                    <td>{formatDate(r.dueDate)}</td>
                    <td>{formatDateTime(r.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPage={(p) => setQuery({ kind, status, page: String(p) })}
          />
        </>
      )}
      {own && (
        <>
          <h2>{t('rp.childrenOf', { title: `${t(`rp.kind.${own.kind}`)} ${periodLabel(own.period, lang)}` })}</h2>
          <ChildrenPanel reportId={own.id} />
        </>
      )}
    </section>
  );
}

/** Drafting a report: the kind and the period; the answer is the draft (an existing one is opened again). */
function CreateReport() {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('semiannual');
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh' });
  const [period, setPeriod] = useState(() => recentPeriods('semiannual', today)[0]!);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<ReportT>('/api/reports', { kind, period: period.trim() });
      navigate(`/bao-cao/${r.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="card"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>{t('rp.create')}</h2>
      <div className="filters">
        <label className="field">
          <span>{t('rp.kind')}</span>
          <select
            name="kind"
            value={kind}
            onChange={(e) => {
              const k = e.target.value as (typeof KINDS)[number];
              setKind(k);
              setPeriod(recentPeriods(k, today)[0]!);
            }}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`rp.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('rp.period')}</span>
          <select name="period" value={period} onChange={(e) => setPeriod(e.target.value)}>
            {recentPeriods(kind, today).map((p) => (
              <option key={p} value={p}>
                {periodLabel(p, lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn btn-primary" disabled={busy || !period.trim()}>
          {t('rp.createButton')}
        </button>
      </div>
      {error != null && <ErrorBox error={error} />}
    </form>
  );
}

function ChildrenPanel({ reportId }: { reportId: string }) {
  const { t, lang } = useI18n();
  const children = useLoad((signal) => api.get<ChildrenT>(`/api/reports/${reportId}/children`, {}, signal), [reportId]);
  if (children.error) return <ErrorBox error={children.error} onRetry={children.reload} />;
  if (!children.data) return <Loading />;
  const c = children.data;
  if (!c.level) return null;
  return (
    <div className="card" data-testid="rp-children">
      <p>
        <span className="chip chip-ok">{t('rp.child.submitted', { n: c.counts.submitted })}</span>{' '}
        <span className="chip chip-off">{t('rp.child.late', { n: c.counts.late })}</span>{' '}
        <span className="chip">{t('rp.child.missing', { n: c.counts.missing })}</span>
        {c.dueDate && <span className="muted"> · {t('rp.child.due', { date: formatDate(c.dueDate) })}</span>}
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>{t('rp.unit')}</th>
              <th>{t('rp.state')}</th>
              <th>{t('rp.submittedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {c.items.map((i) => (
              <tr key={i.unitCode}>
                <td>{i.reportId ? <Link href={`/bao-cao/${i.reportId}`}>{i.unitName}</Link> : i.unitName}</td>
                <td>
                  <span
                    className={i.state === 'submitted' ? 'chip chip-ok' : i.state === 'late' ? 'chip chip-off' : 'chip'}
                  >
                    {t(`rp.state.${i.state}`)}
                  </span>
                  {i.status && i.status !== 'submitted' && (
                    <span className="muted"> ({t(`rp.status.${i.status}`)})</span>
                  )}
                </td>
                <td>{formatDateTime(i.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.check.some((x) => x.difference != null && x.difference !== 0) && (
        <>
          <h3>{t('rp.check')}</h3>
          <ul>
            {c.check
              .filter((x) => x.difference != null && x.difference !== 0)
              .map((x) => (
                <li key={`${x.section}.${x.key}`}>
                  {t('rp.checkLine', {
                    label: anyFigureLabel(x.key, lang),
                    value: showValue(x.value, 'decimal'),
                    sum: showValue(x.sumBelow, 'decimal'),
                    n: x.reportsBelow,
                  })}
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ReportPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const loaded = useLoad((signal) => api.get<ReportT>(`/api/reports/${id}`, {}, signal), [id]);
  const [report, setReport] = useState<ReportT | null>(null);
  const r = report ?? loaded.data;
  if (loaded.error) return <ErrorBox error={loaded.error} onRetry={loaded.reload} />;
  if (!r) return <Loading />;
  const editable = r.actions.includes('edit');
  return (
    <section>
      <p>
        <Link href="/bao-cao">← {t('rp.title')}</Link>
      </p>
      <h1>{r.title}</h1>
      <p>
        {r.unitName} · {t(`rp.kind.${r.kind}`)} · {periodLabel(r.period, lang)} · <StatusChip status={r.status} />{' '}
        {r.late && <span className="chip chip-off">{t('rp.late')}</span>}
      </p>
      <p className="muted">
        {t('rp.dueOn', { date: formatDate(r.dueDate) })}
        {r.number != null && ` · ${t('rp.number', { n: String(r.number).padStart(2, '0') })}`}
      </p>
      <div className="card" data-testid="rp-downloads">
        <h2>{t('rp.downloads')}</h2>
        <a className="btn btn-small" href={apiQuery(`/api/reports/${r.id}/document.docx`)}>
          {t('rp.download.docx')}
        </a>{' '}
        <a
          className="btn btn-small"
          href={apiQuery(`/api/reports/${r.id}/document.pdf`)}
          target="_blank"
          rel="noreferrer"
        >
          {t('rp.download.pdf')}
        </a>{' '}
        <a className="btn btn-small" href={apiQuery(`/api/reports/${r.id}/annex.xlsx`)}>
          {t('rp.download.xlsx')}
        </a>
      </div>
      <FlowActions report={r} onChange={setReport} />
      {editable && <Recompute report={r} onChange={setReport} />}
      {r.sections.map((s) => (
        <SectionCard key={s.key} report={r} section={s} editable={editable} onChange={setReport} />
      ))}
      {r.level !== 'commune' && (
        <>
          <h2>{t('rp.children')}</h2>
          <ChildrenPanel reportId={r.id} />
        </>
      )}
      <History report={r} />
    </section>
  );
}

/** The flow's buttons the caller may press now (the API's `actions`): submit, return with a comment, approve, publish. */
function FlowActions({ report, onChange }: { report: ReportT; onChange(r: ReportT): void }) {
  const { t } = useI18n();
  const steps = STEPS.filter((s) => report.actions.includes(s));
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<FlowStep | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (steps.length === 0) return null;
  const take = async (step: FlowStep) => {
    if (step === 'return' && !comment.trim()) {
      setError(new ApiError(400, 'validation', t('rp.returnNeedsComment'), 'comment'));
      return;
    }
    setBusy(step);
    setError(null);
    try {
      onChange(
        await api.post<ReportT>(`/api/reports/${report.id}/${step}`, {
          comment: comment.trim() || undefined,
          version: report.version,
        }),
      );
      setComment('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="card" data-testid="rp-flow">
      <h2>{t('rp.flow')}</h2>
      {steps.includes('return') && (
        <label className="field">
          <span>{t('rp.comment')}</span>
          <textarea
            name="comment"
            rows={3}
            maxLength={5000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </label>
      )}
      <p>
        {steps.map((s) => (
          <button
            key={s}
            type="button"
            className={s === 'return' ? 'btn' : 'btn btn-primary'}
            disabled={busy != null}
            onClick={() => void take(s)}
            style={{ marginRight: 8 }}
          >
            {busy === s ? t('common.saving') : t(`rp.step.${s}`)}
          </button>
        ))}
      </p>
      {error != null && <ErrorBox error={error} />}
    </div>
  );
}

/** Recompute the figures; the differences wait in each section until the author accepts them. */
function Recompute({ report, onChange }: { report: ReportT; onChange(r: ReportT): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<RecomputedT | null>(null);
  const pending = report.sections.some((s) => s.pendingChanges && s.pendingChanges.length > 0);
  const run = async (what: 'recompute' | 'accept') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'recompute') {
        setResult(await api.post<RecomputedT>(`/api/reports/${report.id}/recompute`, {}));
        onChange(await api.get<ReportT>(`/api/reports/${report.id}`));
      } else {
        onChange(await api.post<ReportT>(`/api/reports/${report.id}/accept`, {}));
        setResult(null);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const changed = result?.sections.reduce((n, s) => n + s.changes.length, 0);
  return (
    <div className="card" data-testid="rp-recompute">
      <h2>{t('rp.figures')}</h2>
      <p className="muted">{t('rp.recomputeHint')}</p>
      <button type="button" className="btn" disabled={busy} onClick={() => void run('recompute')}>
        {t('rp.recompute')}
      </button>{' '}
      {pending && (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run('accept')}>
          {t('rp.accept')}
        </button>
      )}
      {changed != null && <p role="status">{changed ? t('rp.changed', { n: changed }) : t('rp.unchanged')}</p>}
      {error != null && <ErrorBox error={error} />}
    </div>
  );
}

function SectionCard({
  report,
  section: s,
  editable,
  onChange,
}: {
  report: ReportT;
  section: SectionT;
  editable: boolean;
  onChange(r: ReportT): void;
}) {
  const { t, lang } = useI18n();
  const f = s.figures;
  const formatOf = new Map(f?.figures.map((x) => [x.key, x.format]) ?? []);
  return (
    <div className="card" data-testid={`rp-section-${s.key}`}>
      <h2>{s.title}</h2>
      {f && !f.available && <p className="muted">{t('rp.noFigures')}</p>}
      {f && f.available && f.figures.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('rp.figure')}</th>
                <th className="num">{t('rp.value')}</th>
                <th className="num">{t('rp.previous')}</th>
                <th>{t('rp.source')}</th>
              </tr>
            </thead>
            <tbody>
              {f.figures.map((x) => (
                <tr key={x.key}>
                  <td>{figureLabel(f.module, x.key, lang)}</td>
                  <td className="num">{showValue(x.value, x.format)}</td>
                  <td className="num">{showValue(x.previous, x.format)}</td>
                  <td>
                    <Link href={x.source.link} title={t('rp.computedAt', { at: formatDateTime(x.source.computedAt) })}>
                      {t('rp.seeRows')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {f?.tables.map((tb) => (
        <div key={tb.key} className="table-wrap">
          <h3>
            {tableLabel(f.module, tb.key, lang)}{' '}
            <Link href={tb.source.link} className="muted">
              {t('rp.seeRows')}
            </Link>
          </h3>
          <table className="table">
            <thead>
              <tr>
                <th>{t('rp.unit')}</th>
                {tb.columns.map((c) => (
                  <th key={c.key} className="num">
                    {columnLabel(f.module, c.key, lang)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tb.rows.map((row) => (
                <tr key={row.unit}>
                  <td>{row.unit}</td>
                  {row.values.map((v, i) => (
                    <td key={i} className="num">
                      {showValue(v, tb.columns[i]?.format ?? 'int')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {s.pendingChanges && s.pendingChanges.length > 0 && f && (
        <div className="alert alert-info" role="status">
          <strong>{t('rp.pending')}</strong>
          <ul>
            {s.pendingChanges.map((c) => {
              const format = formatOf.get(c.key) ?? 'int';
              return (
                <li key={c.key}>
                  {t('rp.pendingLine', {
                    label: figureLabel(f.module, c.key, lang),
                    before: showValue(c.before, format),
                    after: showValue(c.after, format),
                    difference: showDifference(c.difference, format),
                  })}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      <SectionText report={report} section={s} editable={editable} onChange={onChange} />
    </div>
  );
}

/** The author's text of a section, saved with the version read (a stale one is refused: reload and write again). */
function SectionText({
  report,
  section: s,
  editable,
  onChange,
}: {
  report: ReportT;
  section: SectionT;
  editable: boolean;
  onChange(r: ReportT): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(s.text);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (!editable)
    return s.text ? (
      <div>
        {s.text.split(/\n\s*\n/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    ) : null;
  const save = async () => {
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      onChange(await api.put<ReportT>(`/api/reports/${report.id}/sections/${s.key}`, { text, version: s.version }));
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field">
        <span>{t('rp.text')}</span>
        <textarea
          name={`text-${s.key}`}
          rows={6}
          maxLength={50000}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      <button type="submit" className="btn btn-primary" disabled={busy || text === s.text}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
      {saved && (
        <span role="status" className="muted">
          {' '}
          {t('rp.saved')}
        </span>
      )}
      {error != null && (
        <p className="alert alert-error" role="alert">
          {error instanceof ApiError && error.status === 409 ? t('rp.stale') : errorText(t, error)}
        </p>
      )}
    </form>
  );
}

function History({ report }: { report: ReportT }) {
  const { t } = useI18n();
  if (report.events.length === 0) return null;
  return (
    <div className="card">
      <h2>{t('rp.history')}</h2>
      <ul>
        {report.events.map((e, i) => (
          <li key={i}>
            {formatDateTime(e.at)} · {t(`rp.status.${e.toStatus as ReportT['status']}`)}
            {e.actor && <> · {whoText(e.actor)}</>}
            {e.comment && <q> {e.comment}</q>}
          </li>
        ))}
      </ul>
    </div>
  );
}
