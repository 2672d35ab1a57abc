import { useState, type ReactNode } from 'react';
import { api, type Page } from '../../api';
import { kindLabel, periodLabel, taskStatusLabel, type Period, type PersonReview, type Task } from '../../assessments';
import { formatDate, formatInteger, formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import { ErrorBox, Loading, useLoad } from '../common';
import { ScoreCell } from './Bits';
import { SelfAssessForm } from './GeneralForms';
import { DeliveryForm } from './TaskForms';

/** The staff member's tasks of the open period, each with its delivery report, then the self-assessment. */
export function StaffTasks({ personId }: { personId: string }) {
  const { t } = useI18n();
  const periods = useLoad(
    (signal) => api.get<{ items: Period[] }>('/api/assessments/periods', {}, signal).then((r) => r.items),
    [],
  );
  const open =
    periods.data?.filter((p) => p.status === 'open').sort((a, b) => b.startDate.localeCompare(a.startDate))[0] ?? null;
  if (periods.error) return <ErrorBox error={periods.error} onRetry={periods.reload} />;
  if (!periods.data) return <Loading />;
  if (!open)
    return (
      <section className="panel">
        <h2>{t('as.me.tasks')}</h2>
        <p className="muted">{t('as.me.noOpen')}</p>
      </section>
    );
  return <OpenPeriod key={open.id} period={open} personId={personId} />;
}

function OpenPeriod({ period, personId }: { period: Period; personId: string }) {
  const { t } = useI18n();
  const tasks = useLoad(
    (signal) =>
      api
        .get<Page<Task>>('/api/assessments/tasks', { period: period.id, person: personId, pageSize: 200 }, signal)
        .then((r) => r.items),
    [period.id],
  );
  const review = useLoad(
    (signal) => api.get<PersonReview>(`/api/assessments/periods/${period.id}/people/${personId}`, undefined, signal),
    [period.id, personId],
  );
  const reload = () => {
    tasks.reload();
    review.reload();
  };
  return (
    <>
      <section className="panel" aria-labelledby="my-tasks-title">
        <div className="panel-head wrap">
          <h2 id="my-tasks-title">{t('as.me.tasksIn', { period: periodLabel(t, period) })}</h2>
          {review.data && <ScoreCell score={review.data.score} provisional={review.data.provisional} />}
        </div>
        <p className="muted small">
          {t('as.me.periodDates', { from: formatDate(period.startDate), to: formatDate(period.endDate) })}
        </p>
        {tasks.error ? (
          <ErrorBox error={tasks.error} onRetry={tasks.reload} />
        ) : !tasks.data ? (
          <Loading />
        ) : tasks.data.length === 0 ? (
          <p className="muted">{t('as.me.noTasks')}</p>
        ) : (
          <ul className="task-list" data-testid="my-tasks">
            {tasks.data.map((task) => (
              <StaffTask key={`${task.id}-${task.version}`} task={task} onDone={reload} />
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="self-title">
        <h2 id="self-title">{t('as.self.title')}</h2>
        {review.error ? (
          <ErrorBox error={review.error} onRetry={review.reload} />
        ) : !review.data ? (
          <Loading />
        ) : review.data.canSelfAssess ? (
          <>
            <p className="muted small">{t('as.self.hint')}</p>
            <SelfAssessForm r={review.data} onDone={review.reload} />
          </>
        ) : (
          <p className="muted">{t('as.self.closed')}</p>
        )}
      </section>
    </>
  );
}

/** One task as a card: what was asked, what was reported, the head's judgement; the report form while not reviewed. */
export function TaskCard({ task, children }: { task: Task; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <li className={`task-card task-${task.status}`} data-testid="task">
      <div className="task-head">
        <strong className="task-title">{task.title}</strong>
        <span className={`status task-status-${task.status}`}>{taskStatusLabel(t, task.status)}</span>
      </div>
      <p className="task-meta">
        {t('as.task.asked', {
          n: formatInteger(task.quantity),
          kind: kindLabel(t, task.productKind),
          due: formatDate(task.dueDate),
        })}
        {task.weight !== 1 && ` · ${t('as.task.weight', { w: formatNumber(task.weight) })}`}
      </p>
      {task.deliveredOn && (
        <p className="task-meta">
          {t('as.task.delivered', { n: formatInteger(task.deliveredQuantity), on: formatDate(task.deliveredOn) })}
          {task.deliveredOn > task.dueDate && <span className="badge badge-overdue">{t('as.task.late')}</span>}
          {task.evidence && (
            <span className="block muted small prewrap">{t('as.task.evidence', { text: task.evidence })}</span>
          )}
        </p>
      )}
      {task.status === 'reviewed' && (
        <p className="task-meta" data-testid="task-judgement">
          {t('as.task.judged', {
            n: formatInteger(task.acceptedQuantity),
            errors: task.majorErrors,
            delays: task.delays,
          })}
          {task.exemption !== 'none' && (
            <span className="block small">
              {t(`as.exemption.${task.exemption}`)}: {task.exemptionReason}
            </span>
          )}
          {task.reviewNote && <span className="block muted small prewrap">{task.reviewNote}</span>}
        </p>
      )}
      {children}
    </li>
  );
}

function StaffTask({ task, onDone }: { task: Task; onDone(): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(task.status === 'assigned');
  return (
    <TaskCard task={task}>
      {task.status !== 'reviewed' &&
        (open ? (
          <DeliveryForm task={task} onDone={onDone} />
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
            {t('as.deliver.edit')}
          </button>
        ))}
    </TaskCard>
  );
}
