import { useState } from 'react';
import { api, type Page } from '../api';
import {
  periodLabel,
  points,
  useSettings,
  type Period,
  type PeriodClosed,
  type PeriodPerson,
  type PeriodView,
  type TaskListItem,
} from '../assessments';
import { useUser } from '../auth';
import { ErrorBox, Loading, errorText, useLoad } from '../components/common';
import { ScoreCell } from '../components/assessments/Bits';
import { TaskCard } from '../components/assessments/StaffTasks';
import { AssignTaskForm, ReviewTaskForm } from '../components/assessments/TaskForms';
import { formatDate, formatDateTime, whoText } from '../format';
import { useI18n } from '../i18n';
import { Link, useLocation, withQuery } from '../router';
import { useUnitNames } from '../workforce';

/** A period of a unit: everyone with a live (or frozen) score, the tasks awaiting review, assigning, closing. */
export function AssessmentPeriodPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const { query } = useLocation();
  const res = useLoad((signal) => api.get<PeriodView>(`/api/assessments/periods/${id}`, undefined, signal), [id]);
  const p = res.data?.period;
  const { nameOf } = useUnitNames([p?.provinceCode]);
  const settings = useSettings(p?.provinceCode);
  const [assigning, setAssigning] = useState(false);
  const [notice, setNotice] = useState<string | null>(query.get('assigned') ? t('as.assign.done') : null);
  const canAct = writable && !!res.data?.actions.includes('period.close') && p?.status === 'open';

  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!res.data || !p) return <Loading />;
  const back = withQuery('/danh-gia', {
    province: user.provinceCode ? null : p.provinceCode,
    unit: user.communeCode ? null : p.unitCode,
    year: p.year,
  });
  return (
    <article className="period-page">
      <Link href={back}>{t('as.back')}</Link>
      <header className="unit-header">
        <h1>{t('as.period.heading', { period: periodLabel(t, p), unit: nameOf(p.unitCode) })}</h1>
        <p className="unit-sub">
          <span className={`status period-${p.status}`} data-testid="period-status">
            {t(p.status === 'open' ? 'as.period.open' : 'as.period.closed')}
          </span>
          <span>
            {formatDate(p.startDate)} – {formatDate(p.endDate)}
          </span>
          {p.closedAt && (
            <span className="muted">
              {t('as.period.closedBy', { at: formatDateTime(p.closedAt), by: whoText(res.data.closedByName) })}
            </span>
          )}
        </p>
      </header>
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      {canAct && (
        <div className="actions as-links">
          {settings && (
            <button
              type="button"
              className="btn btn-primary"
              aria-expanded={assigning}
              onClick={() => setAssigning((a) => !a)}
            >
              {t('as.assign.title')}
            </button>
          )}
          <ClosePeriod
            period={p}
            onClosed={(msg) => {
              setNotice(msg);
              res.reload();
            }}
          />
        </div>
      )}
      {assigning && settings && (
        <section className="panel" aria-labelledby="assign-title">
          <h2 id="assign-title">{t('as.assign.titleIn', { unit: nameOf(p.unitCode) })}</h2>
          <AssignTaskForm
            unitCode={p.unitCode}
            settings={settings}
            onDone={(task) => {
              setAssigning(false);
              setNotice(task.periodId === p.id ? t('as.assign.done') : t('as.assign.doneOther'));
              res.reload();
            }}
          />
        </section>
      )}
      <PeopleTable period={p} items={res.data.items} loading={res.loading} taskMax={settings?.taskMax ?? 70} />
      {canAct && <AwaitingReview period={p} onReviewed={res.reload} />}
    </article>
  );
}

function PeopleTable({
  period,
  items,
  loading,
  taskMax,
}: {
  period: Period;
  items: PeriodPerson[];
  loading: boolean;
  taskMax: number;
}) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="people-title" aria-busy={loading}>
      <h2 id="people-title">{t('as.period.people', { n: items.length })}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('as.period.nobody')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table cards-on-phone" data-testid="period-people">
            <thead>
              <tr>
                <th>{t('as.col.name')}</th>
                <th className="num">{t('as.col.tasksReviewed')}</th>
                <th className="num">{t('as.col.tasks')}</th>
                <th>{t('as.col.self')}</th>
                <th>{t('as.col.head')}</th>
                <th>{t('as.col.total')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={x.personId} data-testid="period-person">
                  <td data-label={t('as.col.name')}>
                    <Link href={`/danh-gia/ky/${period.id}/nguoi/${x.personId}`} className="strong">
                      {x.fullName}
                    </Link>
                    {x.score?.leader && <span className="muted small nowrap"> · {t('as.leader')}</span>}
                  </td>
                  <td data-label={t('as.col.tasksReviewed')} className="num">
                    {t('as.period.reviewedOf', { n: x.tasksReviewed, of: x.tasks })}
                  </td>
                  <td data-label={t('as.col.tasks')} className="num" data-testid="task-points">
                    {x.score?.taskPoints == null
                      ? t('common.none')
                      : t('as.period.taskPoints', { n: points(x.score.taskPoints), max: taskMax })}
                  </td>
                  <td data-label={t('as.col.self')}>{x.selfAssessed ? t('as.done') : t('as.notYet')}</td>
                  <td data-label={t('as.col.head')}>{x.headAssessed ? t('as.done') : t('as.notYet')}</td>
                  <td data-label={t('as.col.total')}>
                    <ScoreCell score={x.score} provisional={x.provisional} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {period.status === 'open' && <p className="muted small">{t('as.score.provisionalHint')}</p>}
    </section>
  );
}

/** Deliveries reported by staff, waiting for the head's judgement. */
function AwaitingReview({ period, onReviewed }: { period: Period; onReviewed(): void }) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) =>
      api.get<Page<TaskListItem>>(
        '/api/assessments/tasks',
        { period: period.id, status: 'delivered', pageSize: 200 },
        signal,
      ),
    [period.id],
  );
  return (
    <section className="panel" aria-labelledby="awaiting-title">
      <h2 id="awaiting-title">{t('as.awaiting.title')}</h2>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : res.data.items.length === 0 ? (
        <p className="muted">{t('as.awaiting.none')}</p>
      ) : (
        <ul className="task-list" data-testid="awaiting">
          {res.data.items.map((task) => (
            <TaskCard key={task.id} task={task}>
              <p className="small">{t('as.task.of', { name: task.fullName ?? '' })}</p>
              {/* One form open at a time: a period with many deliveries stays a list, not a wall of forms. */}
              <details className="review-details">
                <summary className="btn">{t('as.review.open')}</summary>
                <ReviewTaskForm
                  task={task}
                  submitLabel="as.review.submit"
                  onSubmit={async (j) => {
                    await api.post(`/api/assessments/tasks/${task.id}/review`, { ...j, version: task.version });
                    res.reload();
                    onReviewed();
                  }}
                />
              </details>
            </TaskCard>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Closing freezes the scores; a confirm step says so first. */
function ClosePeriod({ period, onClosed }: { period: Period; onClosed(msg: string): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!confirming)
    return (
      <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
        {t('as.close.button')}
      </button>
    );
  return (
    <div className="alert alert-warn confirm-box" role="alertdialog" aria-labelledby="close-q">
      <p id="close-q">{t('as.close.confirm', { period: periodLabel(t, period) })}</p>
      {error !== null && <p className="field-error">{errorText(t, error)}</p>}
      <div className="actions">
        <button
          type="button"
          className="btn btn-danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              const r = await api.post<PeriodClosed>(`/api/assessments/periods/${period.id}/close`);
              setConfirming(false);
              onClosed(t('as.close.done', { people: r.people, scored: r.scored }));
            } catch (e) {
              setError(e);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('as.close.yes')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => setConfirming(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
