import { useState } from 'react';
import { api, type Page } from '../api';
import { ErrorBox, Loading, Pager, useLoad } from '../components/common';
import { formatDate, formatInteger } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { OrgPlan, OrgUnit, Progress } from '../../../src/modules/organisations/contract';
import { ORG_KINDS, PLAN_KINDS as KINDS } from '../../../src/modules/organisations/domain/plans';

/** Đồng, in millions for readability (budgets and charter capital run to thousands of billions). */
const FIELDS = ['education', 'health', 'culture', 'agriculture', 'economy'] as const;
/** A field is free text; the usual ones are kept as a word and shown in the user's language. */
const fieldText = (t: (k: MessageKey) => string, field: string | null) =>
  field === null
    ? t('common.none')
    : (FIELDS as readonly string[]).includes(field)
      ? t(`org.field.${field}` as MessageKey)
      : field;

const money = (vnd: number | null) => (vnd === null ? null : formatInteger(Math.round(vnd / 1_000_000)));

/** Rearrangement of public service units and state-owned enterprises: progress per province and ministry, plans. */
export function OrganisationsPage() {
  const { t } = useI18n();
  const [overdue, setOverdue] = useState(false);
  const [kind, setKind] = useState('');
  const [page, setPage] = useState(1);
  const progress = useLoad((signal) => api.get<Progress>('/api/organisations/progress', {}, signal), []);
  const plans = useLoad(
    (signal) =>
      api.get<Page<OrgPlan>>(
        '/api/organisations/plans',
        { overdue: overdue ? 'true' : false, kind, page, pageSize: 50 },
        signal,
      ),
    [overdue, kind, page],
  );
  return (
    <div className="organisations-page">
      <h1>{t('org.title')}</h1>
      <p className="muted">{t('org.intro')}</p>
      <h2>{t('org.progress')}</h2>
      {progress.error ? (
        <ErrorBox error={progress.error} onRetry={progress.reload} />
      ) : !progress.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="org-progress">
            <thead>
              <tr>
                <th>{t('org.owner')}</th>
                <th>{t('org.plans')}</th>
                {KINDS.map((k) => (
                  <th key={k}>{t(`org.kind.${k}` as MessageKey)}</th>
                ))}
                <th>{t('org.done')}</th>
                <th>{t('org.overdue')}</th>
                <th>{t('org.beforeAfter')}</th>
                <th>{t('org.current')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.data.rows.map((r) => (
                <tr key={r.code}>
                  <td>{r.name}</td>
                  <td>{formatInteger(r.plans)}</td>
                  {KINDS.map((k) => (
                    <td key={k}>{formatInteger(r.byKind[k] ?? 0)}</td>
                  ))}
                  <td>{formatInteger(r.byState.done ?? 0)}</td>
                  <td>{r.overdue ? <span className="badge badge-overdue">{formatInteger(r.overdue)}</span> : 0}</td>
                  <td>
                    {formatInteger(r.unitsBefore)} → {formatInteger(r.unitsAfter)}
                  </td>
                  <td>{formatInteger(r.currentUnits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('org.planList')}</h2>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('org.kind')}</span>
          <select value={kind} onChange={(e) => (setKind(e.target.value), setPage(1))}>
            <option value="">{t('arch.all')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`org.kind.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field checkbox">
          <input type="checkbox" checked={overdue} onChange={(e) => (setOverdue(e.target.checked), setPage(1))} />
          <span>{t('org.onlyOverdue')}</span>
        </label>
      </form>
      {plans.error ? (
        <ErrorBox error={plans.error} onRetry={plans.reload} />
      ) : !plans.data ? (
        <Loading />
      ) : (
        <>
          <p className="result-count">{t('org.planCount', { n: formatInteger(plans.data.total) })}</p>
          <table className="table" data-testid="org-plans">
            <thead>
              <tr>
                <th>{t('org.plan')}</th>
                <th>{t('org.kind')}</th>
                <th>{t('org.decision')}</th>
                <th>{t('org.target')}</th>
                <th>{t('org.state')}</th>
                <th>{t('org.units')}</th>
              </tr>
            </thead>
            <tbody>
              {plans.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.title}
                    <span className="muted small block">{p.ministry ?? ''}</span>
                  </td>
                  <td>{t(`org.kind.${p.kind}` as MessageKey)}</td>
                  <td>{p.decisionNumber ? `${p.decisionNumber} (${formatDate(p.decisionDate)})` : t('common.none')}</td>
                  <td>
                    {formatDate(p.targetDate)}
                    {p.overdue && <span className="badge badge-overdue">{t('org.overdue')}</span>}
                  </td>
                  <td>{t(`org.state.${p.state}` as MessageKey)}</td>
                  <td>
                    {p.before.map((u) => u.name).join(', ')}
                    {p.after.length > 0 && ` → ${p.after.map((u) => u.name).join(', ')}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={plans.data.page} pageSize={plans.data.pageSize} total={plans.data.total} onPage={setPage} />
        </>
      )}
      <Registry />
    </div>
  );
}

/** The registry: public service units and state-owned enterprises existing now (or all, with the closed ones). */
function Registry() {
  const { t } = useI18n();
  const [kind, setKind] = useState<(typeof ORG_KINDS)[number]>('public_service_unit');
  const [q, setQ] = useState('');
  const [all, setAll] = useState(false);
  const [page, setPage] = useState(1);
  const res = useLoad(
    (signal) =>
      api.get<Page<OrgUnit>>(
        '/api/organisations/units',
        { kind, q, current: all ? false : 'true', page, pageSize: 50 },
        signal,
      ),
    [kind, q, all, page],
  );
  const psu = kind === 'public_service_unit';
  return (
    <section data-testid="org-registry">
      <h2>{t('org.registry')}</h2>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="tabs" role="tablist">
          {ORG_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={kind === k}
              className={`btn${kind === k ? ' active' : ''}`}
              onClick={() => (setKind(k), setPage(1))}
            >
              {t(`org.reg.${k}` as MessageKey)}
            </button>
          ))}
        </div>
        <label className="field field-grow">
          <span>{t('org.reg.q')}</span>
          <input type="search" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} maxLength={100} />
        </label>
        <label className="field checkbox">
          <input type="checkbox" checked={all} onChange={(e) => (setAll(e.target.checked), setPage(1))} />
          <span>{t('org.reg.withClosed')}</span>
        </label>
      </form>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <>
          <p className="result-count">{t('org.reg.count', { n: formatInteger(res.data.total) })}</p>
          <div className="table-wrap">
            <table className="table" data-testid="org-units">
              <thead>
                <tr>
                  <th>{t('org.reg.name')}</th>
                  <th>{t('org.reg.under')}</th>
                  {psu ? (
                    <>
                      <th>{t('org.reg.field')}</th>
                      <th>{t('org.reg.autonomy')}</th>
                      <th className="num">{t('org.reg.staff')}</th>
                      <th className="num">{t('org.reg.budget')}</th>
                    </>
                  ) : (
                    <>
                      <th>{t('org.reg.owner')}</th>
                      <th className="num">{t('org.reg.capital')}</th>
                      <th className="num">{t('org.reg.employees')}</th>
                    </>
                  )}
                  <th>{t('org.reg.valid')}</th>
                </tr>
              </thead>
              <tbody>
                {res.data.items.map((u) => (
                  <tr key={u.id}>
                    <td>
                      {u.name}
                      {u.madeByPlan && <span className="muted small block">{t('org.reg.madeByPlan')}</span>}
                    </td>
                    <td>{u.ministry ?? u.underName ?? t('common.none')}</td>
                    {psu ? (
                      <>
                        <td>{fieldText(t, u.field)}</td>
                        <td>{u.autonomy ? t(`org.reg.autonomy.${u.autonomy}` as MessageKey) : t('common.none')}</td>
                        <td className="num">{u.staff === null ? t('common.none') : formatInteger(u.staff)}</td>
                        <td className="num">{money(u.budgetVnd) ?? t('common.none')}</td>
                      </>
                    ) : (
                      <>
                        <td>{u.ownerAgency ?? t('common.none')}</td>
                        <td className="num">{money(u.charterCapitalVnd) ?? t('common.none')}</td>
                        <td className="num">{u.employees === null ? t('common.none') : formatInteger(u.employees)}</td>
                      </>
                    )}
                    <td>
                      {t('org.reg.from', { date: formatDate(u.validFrom) })}
                      {u.validTo && (
                        <span className="badge">{t('org.reg.closed', { date: formatDate(u.validTo) })}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={res.data.page} pageSize={res.data.pageSize} total={res.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
