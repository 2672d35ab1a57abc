import { useState } from 'react';
import { api, type Page } from '../api';
import { ErrorBox, Loading, Pager, useLoad } from '../components/common';
import { formatDate, formatInteger } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { OrgPlan, Progress } from '../../../src/modules/organisations/contract';
import { PLAN_KINDS as KINDS } from '../../../src/modules/organisations/domain/plans';

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
    </div>
  );
}
