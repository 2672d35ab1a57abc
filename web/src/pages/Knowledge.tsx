import { useEffect, useState } from 'react';
import { api, type Page } from '../api';
import { ErrorBox, Loading, Pager, useLoad } from '../components/common';
import { REC_FIELDS, recFieldLabel, recLevelLabel, type KnowledgeEntry } from '../channel';
import { formatDateTime, formatInteger } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';

/** The knowledge base: published questions and answers, searchable with or without diacritics. */
export function KnowledgePage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const field = query.get('field') ?? '';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [qText, setQText] = useState(q);
  const set = (next: { q?: string; field?: string; page?: number }) => {
    const f = { q, field, page: 1, ...next };
    const p = new URLSearchParams();
    if (f.q) p.set('q', f.q);
    if (f.field) p.set('field', f.field);
    if (f.page > 1) p.set('page', String(f.page));
    const qs = p.toString();
    navigate('/tri-thuc' + (qs ? '?' + qs : ''), { replace: true });
  };
  useEffect(() => {
    if (qText.trim() === q) return;
    const timer = setTimeout(() => set({ q: qText.trim() }), 350);
    return () => clearTimeout(timer);
  }, [qText]);

  const res = useLoad(
    (signal) => api.get<Page<KnowledgeEntry>>('/api/knowledge', { q, field, page, pageSize: 20 }, signal),
    [q, field, page],
  );

  return (
    <div className="kb-page">
      <Link href="/kien-nghi">{t('rec.back')}</Link>
      <h1>{t('kb.title')}</h1>
      <p className="muted">{t('kb.intro')}</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="field field-grow">
          <span>{t('kb.q')}</span>
          <input
            type="search"
            name="q"
            value={qText}
            placeholder={t('kb.qPlaceholder')}
            autoComplete="off"
            onChange={(e) => setQText(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('rec.fieldLabel')}</span>
          <select name="field" value={field} onChange={(e) => set({ field: e.target.value })}>
            <option value="">{t('rec.allFields')}</option>
            {REC_FIELDS.map((f) => (
              <option key={f} value={f}>
                {recFieldLabel(t, f)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <section aria-busy={res.loading}>
          <p className="result-count" data-testid="kb-count">
            {t('kb.results', { n: formatInteger(res.data.total) })}
          </p>
          {res.data.items.length === 0 && <p className="empty">{t('kb.none')}</p>}
          {res.data.items.map((k) => (
            <details key={k.id} className="panel kb-entry" data-testid="kb-entry">
              <summary>
                <strong>{k.title}</strong>
                <span className="muted small block">
                  {k.code} · {recFieldLabel(t, k.field)} · {t('kb.publishedOn', { at: formatDateTime(k.publishedAt) })}
                </span>
              </summary>
              <h3>{t('kb.question')}</h3>
              <p className="prewrap">{k.question}</p>
              {k.legalBasis && (
                <p className="small">
                  <strong>{t('rec.form.legalBasis')}:</strong> {k.legalBasis}
                </p>
              )}
              <h3>{t('kb.answer', { level: recLevelLabel(t, k.answeredLevel ?? '') })}</h3>
              <p className="prewrap">{k.answer}</p>
              <p className="small">
                <strong>{t('rec.answerBasis')}:</strong> {k.answerLegalBasis}
              </p>
            </details>
          ))}
          <Pager
            page={res.data.page}
            pageSize={res.data.pageSize}
            total={res.data.total}
            onPage={(p) => set({ page: p })}
          />
        </section>
      )}
    </div>
  );
}
