import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, csrf, withQuery } from '../api';
import { formatInteger } from '../format';
import { useI18n } from '../i18n';
import { errorText } from './common';
import type { ImportJob as Job, ImportReport } from '../../../src/modules/workforce/contract';

/** Sends the file as multipart (the JSON helper does not): the same CSRF header and error shape. */
async function upload(file: File): Promise<{ status: number; body: ImportReport | Job }> {
  const form = new FormData();
  form.append('file', file);
  let res: Response;
  try {
    res = await fetch(withQuery('/api/workforce/import'), {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'x-csrf-token': csrf.get() ?? '' },
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_' + res.status, err?.message ?? '', err?.field);
  }
  return { status: res.status, body: data as ImportReport | Job };
}

/** Import of the personnel template: every row checked, nothing imported when a row is wrong, a progress bar for large files. */
export function WorkforceImport({ onImported }: { onImported(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ percent: number; rowsDone: number; rowsTotal: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const finish = (r: ImportReport) => {
    setReport(r);
    if (r.status === 'imported' && r.created + r.updated > 0) onImported();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    setProgress(null);
    try {
      const res = await upload(file);
      if (res.status === 202) {
        let job = res.body as Job;
        while (job.status === 'running' && alive.current) {
          setProgress({ percent: job.percent, rowsDone: job.rowsDone, rowsTotal: job.rowsTotal });
          await new Promise((r) => setTimeout(r, 700));
          job = await api.get<Job>(`/api/workforce/import/${job.job}`);
        }
        if (job.status === 'failed')
          throw new ApiError(400, job.error?.code ?? 'import_failed', job.error?.message ?? '');
        if (job.report) finish(job.report);
      } else finish(res.body as ImportReport);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <section className="panel" aria-labelledby="import-title" data-testid="workforce-import">
      <h2 id="import-title">{t('wf.import.title')}</h2>
      <p className="muted small">{t('wf.import.hint')}</p>
      <form className="upload-form" onSubmit={submit}>
        <label className="field">
          <span>{t('wf.import.file')}</span>
          <input
            type="file"
            name="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={!file || busy}>
          {busy ? t('wf.import.running') : t('wf.import.submit')}
        </button>
      </form>
      {progress && (
        <div className="import-progress" role="status">
          <progress max={100} value={progress.percent} aria-label={t('wf.import.title')} />
          <span>
            {t('wf.import.progress', {
              p: progress.percent,
              done: formatInteger(progress.rowsDone),
              total: formatInteger(progress.rowsTotal),
            })}
          </span>
        </div>
      )}
      {error !== null && (
        <p className="alert alert-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {report && (
        <div data-testid="import-report">
          <p className={`alert ${report.status === 'imported' ? 'alert-ok' : 'alert-error'}`} role="status">
            {report.message}
          </p>
          <p className="small">
            {t('wf.import.counts', {
              rows: formatInteger(report.rows),
              created: formatInteger(report.created),
              updated: formatInteger(report.updated),
              unchanged: formatInteger(report.unchanged),
            })}
          </p>
          {report.ignoredColumns.length > 0 && (
            <p className="muted small">{t('wf.import.ignored', { cols: report.ignoredColumns.join(', ') })}</p>
          )}
          {report.errors.length > 0 && (
            <div className="table-wrap import-errors">
              <table className="table cards-on-phone">
                <thead>
                  <tr>
                    <th className="num">{t('wf.import.row')}</th>
                    <th>{t('wf.import.column')}</th>
                    <th>{t('wf.import.error')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((x, i) => (
                    <tr key={i}>
                      <td data-label={t('wf.import.row')} className="num">
                        {x.row}
                      </td>
                      <td data-label={t('wf.import.column')}>{x.column}</td>
                      <td data-label={t('wf.import.error')}>{x.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {report.errorsTruncated && (
            <p className="muted small">
              {t('wf.import.truncated', {
                shown: formatInteger(report.errors.length),
                total: formatInteger(report.errorCount),
              })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
