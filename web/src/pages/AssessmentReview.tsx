import { useState } from 'react';
import { api } from '../api';
import { criterionLabel, periodLabel, points, type General, type PersonReview, type Task } from '../assessments';
import { can, useUser } from '../auth';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { BandTag, ScoreCell } from '../components/assessments/Bits';
import { CorrectionForm, HeadAssessForm, SelfAssessForm } from '../components/assessments/GeneralForms';
import { TaskCard } from '../components/assessments/StaffTasks';
import { ReviewTaskForm } from '../components/assessments/TaskForms';
import { formatDateTime, formatNumber, whoText } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { WhatIf } from '../components/assessments/WhatIf';
import { useUnitNames } from '../workforce';

const pct = (n: number | null | undefined) => (n == null ? '—' : `${formatNumber(Math.round(n * 10) / 10)}%`);

/** One person's assessment in one period: the score and its parts, tasks, self-assessment, the head's, corrections. */
export function AssessmentReviewPage({ periodId, personId }: { periodId: string; personId: string }) {
  const { t } = useI18n();
  const { user, writable } = useUser();
  const res = useLoad(
    (signal) => api.get<PersonReview>(`/api/assessments/periods/${periodId}/people/${personId}`, undefined, signal),
    [periodId, personId],
  );
  const r = res.data;
  const { nameOf } = useUnitNames([r?.period.provinceCode]);
  if (res.error) return <ErrorBox error={res.error} onRetry={res.reload} />;
  if (!r) return <Loading />;
  const head = writable && r.actions.includes('review.head');
  const closed = r.period.status === 'closed';
  const s = r.score;
  return (
    <article className="review-page" aria-busy={res.loading}>
      <Link href={head ? `/danh-gia/ky/${r.period.id}` : '/danh-gia'}>{head ? t('as.review.back') : t('as.back')}</Link>
      <header className="unit-header">
        <h1>{r.person.fullName}</h1>
        <p className="unit-sub">
          <span className="badge">{periodLabel(t, r.period)}</span>
          <span>{nameOf(r.period.unitCode)}</span>
          <span className={`status period-${r.period.status}`}>
            {t(closed ? 'as.period.closed' : 'as.period.open')}
          </span>
          {can(user, 'workforce.read') && <Link href={`/people/${r.person.id}`}>{t('as.review.record')}</Link>}
        </p>
      </header>
      <section className="panel" aria-labelledby="score-title">
        <div className="panel-head wrap">
          <h2 id="score-title">{t('as.review.score')}</h2>
          <ScoreCell score={s} provisional={r.provisional} />
        </div>
        {s && (
          <dl className="facts facts-plain score-facts" data-testid="score-parts">
            <div>
              <dt>{t('as.col.general')}</dt>
              <dd>{points(s.general)}</dd>
            </div>
            <div>
              <dt>{t('as.col.tasks')}</dt>
              <dd>
                {points(s.taskPoints)} <span className="muted small">({pct(s.taskPercent)})</span>
              </dd>
            </div>
            <div>
              <dt>{t('as.measure.quantity')}</dt>
              <dd>{pct(s.quantity)}</dd>
            </div>
            <div>
              <dt>{t('as.measure.quality')}</dt>
              <dd>{pct(s.quality)}</dd>
            </div>
            <div>
              <dt>{t('as.measure.timeliness')}</dt>
              <dd>{pct(s.timeliness)}</dd>
            </div>
          </dl>
        )}
        {r.provisional && <p className="muted small">{t('as.score.provisionalHint')}</p>}
      </section>
      <WhatIf r={r} />
      <ReviewTasks r={r} head={head} onChange={res.reload} />
      <section className="panel" aria-labelledby="self-title">
        <h2 id="self-title">{t('as.self.title')}</h2>
        {r.canSelfAssess ? (
          <SelfAssessForm r={r} onDone={res.reload} />
        ) : (
          <GeneralView r={r} general={r.review?.selfGeneral} comment={r.review?.selfComment} at={r.review?.selfAt} />
        )}
      </section>
      <section className="panel" aria-labelledby="head-title">
        <h2 id="head-title">{t('as.head.title')}</h2>
        {head && r.canHeadAssess ? (
          <HeadAssessForm r={r} onDone={res.reload} />
        ) : (
          <>
            <GeneralView r={r} general={r.review?.headGeneral} comment={r.review?.headComment} at={r.review?.headAt} />
            {r.review?.collectiveComment && (
              <p className="prewrap">
                <span className="muted">{t('as.f.collectiveComment')}: </span>
                {r.review.collectiveComment}
              </p>
            )}
          </>
        )}
      </section>
      {closed && (r.corrections.length > 0 || (head && r.review)) && (
        <section className="panel" aria-labelledby="corr-title">
          <h2 id="corr-title">{t('as.correct.title')}</h2>
          <Corrections r={r} />
          {head && r.review && (
            <details className="correction-box">
              <summary>{t('as.correct.open')}</summary>
              <p className="muted small">{t('as.correct.hint')}</p>
              <CorrectionForm r={r} onDone={res.reload} />
            </details>
          )}
        </section>
      )}
    </article>
  );
}

function GeneralView({
  r,
  general,
  comment,
  at,
}: {
  r: PersonReview;
  general: General | null | undefined;
  comment: string | null | undefined;
  at: string | null | undefined;
}) {
  const { t } = useI18n();
  if (!general) return <p className="muted">{t('as.notYet')}</p>;
  return (
    <>
      <dl className="facts facts-plain">
        {r.criteria.map((c) => (
          <div key={c.code}>
            <dt>{criterionLabel(t, c.code)}</dt>
            <dd>
              {formatNumber(general[c.code])} / {formatNumber(c.max)}
            </dd>
          </div>
        ))}
      </dl>
      {comment && <p className="prewrap">{comment}</p>}
      {at && <p className="muted small">{formatDateTime(at)}</p>}
    </>
  );
}

function ReviewTasks({ r, head, onChange }: { r: PersonReview; head: boolean; onChange(): void }) {
  const { t } = useI18n();
  const closed = r.period.status === 'closed';
  return (
    <section className="panel" aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t('as.review.tasks', { n: r.tasks.length })}</h2>
      {r.tasks.length === 0 ? (
        <p className="muted">{t('as.me.noTasks')}</p>
      ) : (
        <ul className="task-list" data-testid="review-tasks">
          {r.tasks.map((task) => (
            <TaskCard key={`${task.id}-${task.version}`} task={task}>
              {head && <TaskJudge task={task} closed={closed} reviewId={r.review?.id ?? null} onChange={onChange} />}
            </TaskCard>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The head reviews a task (open period) or corrects its judgement with a reason (closed period). */
function TaskJudge({
  task,
  closed,
  reviewId,
  onChange,
}: {
  task: Task;
  closed: boolean;
  reviewId: string | null;
  onChange(): void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(!closed && task.status === 'delivered');
  if (closed && !reviewId) return null;
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {closed ? t('as.correct.task') : task.status === 'reviewed' ? t('as.review.again') : t('as.review.open')}
      </button>
    );
  return (
    <ReviewTaskForm
      task={task}
      withReason={closed}
      submitLabel={closed ? 'as.correct.submit' : 'as.review.submit'}
      onSubmit={async ({ reason, ...j }) => {
        if (closed)
          await api.post(`/api/assessments/reviews/${reviewId}/corrections`, {
            reason,
            tasks: [{ id: task.id, ...j }],
          });
        else await api.post(`/api/assessments/tasks/${task.id}/review`, { ...j, version: task.version });
        setOpen(false);
        onChange();
      }}
    />
  );
}

function Corrections({ r }: { r: PersonReview }) {
  const { t } = useI18n();
  if (r.corrections.length === 0) return <p className="muted">{t('as.correct.none')}</p>;
  return (
    <ul className="corrections" data-testid="corrections">
      {r.corrections.map((c) => (
        <li key={c.id}>
          <span className="strong">{formatDateTime(c.at)}</span> · {whoText(c.actor)}: {points(c.before.total)}{' '}
          <BandTag band={c.before.band} /> → {points(c.after.total)} <BandTag band={c.after.band} />
          <span className="block prewrap">{t('as.correct.reason', { text: c.reason })}</span>
        </li>
      ))}
    </ul>
  );
}
