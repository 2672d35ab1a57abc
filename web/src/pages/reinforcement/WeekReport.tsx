import { useState } from 'react';
import { api } from '../../api';
import { ErrorBox, Loading, errorText, useLoad } from '../../components/common';
import type { Phase, Officer } from '../../channel';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import type { ReportList } from '../../../../src/modules/reinforcement/contract';

export function WeekReport({ phase, officer, week }: { phase: Phase; officer: Officer; week: string }) {
  const { t } = useI18n();
  const res = useLoad(
    (signal) =>
      api.get<ReportList>('/api/reinforcement/reports', { phase: phase.id, officer: officer.username }, signal),
    [phase.id],
  );
  const report = res.data?.items.find((r) => r.periodStart === week) ?? null;
  const [text, setText] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (what: 'draft' | 'save' | 'submit') => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      if (what === 'draft') await api.post('/api/reinforcement/reports/draft', { phaseId: phase.id, weekStart: week });
      if (what === 'save' && report && text !== null)
        await api.patch(`/api/reinforcement/reports/${report.id}`, { content: text, version: report.version });
      if (what === 'submit' && report) {
        if (text !== null && text !== report.content)
          await api.patch(`/api/reinforcement/reports/${report.id}`, { content: text, version: report.version });
        await api.post(`/api/reinforcement/reports/${report.id}/submit`);
      }
      setText(null);
      setDone(t(`rf.report.done.${what}`));
      res.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="rf-report-title" data-testid="rf-report">
      <h2 id="rf-report-title">{t('rf.report.title')}</h2>
      {done && (
        <p className="alert alert-ok" role="status">
          {done}
        </p>
      )}
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : !report ? (
        <>
          <p className="muted">{t('rf.report.none')}</p>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run('draft')}>
            {t('rf.report.draft')}
          </button>
        </>
      ) : report.status === 'submitted' ? (
        <>
          <p>
            <span className="status rec-status-accepted">
              {t('rf.report.submitted', { date: formatDate(report.submittedOn) })}
            </span>{' '}
            <span className="muted small">{t('rf.report.due', { date: formatDate(report.dueOn) })}</span>
          </p>
          <pre className="report-text">{report.content}</pre>
        </>
      ) : (
        <>
          <p className="muted small">{t('rf.report.due', { date: formatDate(report.dueOn) })}</p>
          <label className="field">
            <span>{t('rf.report.content')}</span>
            <textarea
              name="report"
              rows={14}
              value={text ?? report.content}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <div className="actions">
            <button type="button" className="btn" disabled={busy} onClick={() => void run('draft')}>
              {t('rf.report.redraft')}
            </button>
            <button type="button" className="btn" disabled={busy || text === null} onClick={() => void run('save')}>
              {t('rf.report.save')}
            </button>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void run('submit')}>
              {t('rf.report.submit')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
