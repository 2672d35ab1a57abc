import { api } from '../api';
import { useUser } from '../auth';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { useProcedureMap } from '../dossiers';
import { formatDate, formatDateTime } from '../format';
import { maybe, useI18n, type MessageKey } from '../i18n';
import { Link } from '../router';
import type { Queue, QueueItem } from '../../../src/modules/dossiers/contract';

type ListName = 'mine' | 'approvals' | 'unassigned' | 'toReturn' | 'waiting';

/**
 * "Việc của tôi": the landing page of the one-stop's people. The receiving officer sees the unit's queue and the
 * results to return first, the specialist their tasks, the leader the approvals (docs/one-stop.md).
 */
export function QueuePage() {
  const { t } = useI18n();
  const { user } = useUser();
  const res = useLoad((signal) => api.get<Queue>('/api/dossiers/queue', undefined, signal), []);
  const procedures = useProcedureMap(user.provinceCode ? [user.provinceCode] : []);
  const roles: string[] = user.unitRoles ?? [];
  const order: ListName[] = roles.includes('leader')
    ? ['approvals', 'unassigned', 'mine', 'toReturn', 'waiting']
    : roles.includes('specialist')
      ? ['mine', 'unassigned', 'waiting']
      : ['unassigned', 'toReturn', 'waiting', 'mine', 'approvals'];
  if (res.error && !res.data) return <ErrorBox error={res.error} onRetry={res.reload} />;
  const q = res.data;
  if (!q) return <Loading />;
  return (
    <div className="queue-page" aria-busy={res.loading}>
      <h1>{t('queue.title')}</h1>
      <p className="muted">{t('queue.lead')}</p>
      <p data-testid="queue-counts">
        <strong>{t('queue.counts', q.counts)}</strong>
      </p>
      {order
        .filter((l) => q[l].length > 0 || l === order[0])
        .map((l) => (
          <section key={l} className="panel" data-testid={`queue-${l}`} aria-labelledby={`queue-${l}-title`}>
            <h2 id={`queue-${l}-title`}>
              {t(`queue.${l}` as MessageKey)} ({q[l].length})
            </h2>
            {q[l].length === 0 ? (
              <p className="muted">{t('queue.empty')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('dossiers.col.code')}</th>
                      <th>{t('dossier.procedure')}</th>
                      <th>{t('dossier.applicant')}</th>
                      <th>{t('steps.title')}</th>
                      <th>{t('queue.holder')}</th>
                      <th>{t('queue.stepDue')}</th>
                      <th>{t('dossier.due')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {q[l].map((d: QueueItem) => (
                      <tr key={d.id} className={d.urgency === 'late' ? 'row-late' : undefined}>
                        <td>
                          <Link href={`/dossiers/${d.id}`}>{d.receiptCode}</Link>
                        </td>
                        <td>{procedures.get(d.procedureCode)?.name ?? d.procedureCode}</td>
                        <td>{d.applicantName}</td>
                        <td>{maybe(t, `step.${d.step}`, d.step)}</td>
                        <td>{d.assignee ? d.assignee.name : '—'}</td>
                        <td>
                          {d.stepDueAt ? formatDateTime(d.stepDueAt) : '—'}{' '}
                          <span className={`badge${d.urgency === 'late' ? ' badge-overdue' : ''}`}>
                            {t(`urgency.${d.urgency}`)}
                          </span>
                        </td>
                        <td>{formatDate(d.dueDate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))}
    </div>
  );
}
