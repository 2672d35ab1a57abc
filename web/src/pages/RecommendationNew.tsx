import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useUser } from '../auth';
import { errorText } from '../components/common';
import {
  MAX_FILE_BYTES,
  REC_FIELDS,
  fileToUpload,
  recFieldLabel,
  recStatusLabel,
  uuid,
  type Recommendation,
  type SimilarItem,
} from '../channel';
import { useI18n } from '../i18n';
import type { SimilarList } from '../../../src/modules/recommendations/contract';
import { Link, navigate } from '../router';

export function RecommendationNewPage() {
  const { t } = useI18n();
  const { user } = useUser();
  const [field, setField] = useState('');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [similar, setSimilar] = useState<SimilarItem[]>([]);
  // One key per form: a second click or a retry after a lost answer makes one item.
  const key = useRef(uuid());

  // Similar items, while typing (debounced).
  const text = `${title} ${content}`.trim();
  useEffect(() => {
    if (text.length < 12) {
      setSimilar([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<SimilarList>('/api/recommendations/similar', { text: text.slice(0, 2000), limit: 5 }, ctrl.signal)
        .then((r) => setSimilar(r.items))
        .catch(() => undefined);
    }, 400);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!field || !title.trim() || !content.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const big = files.find((f) => f.size > MAX_FILE_BYTES || f.size === 0);
    if (big) {
      setError(new ApiError(400, 'invalid_value', t('rec.attach.tooBig', { name: big.name })));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Recommendation>(
        '/api/recommendations',
        {
          field,
          title: title.trim(),
          content: content.trim(),
          urgency,
          ...(legalBasis.trim() ? { legalBasis: legalBasis.trim() } : {}),
          ...(files.length ? { attachments: await Promise.all(files.map(fileToUpload)) } : {}),
        },
        { 'Idempotency-Key': key.current },
      );
      navigate(`/kien-nghi/${r.id}?sent=1`);
    } catch (err) {
      // Answered (a field to correct): the corrected item is a new request with a key of its own. A lost connection
      // keeps the key, so that sending again cannot make the item twice.
      if (err instanceof ApiError && err.status > 0 && err.status < 500) key.current = uuid();
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const errField = error instanceof ApiError ? error.field : undefined;

  return (
    <div className="rec-new">
      <Link href="/kien-nghi">{t('rec.back')}</Link>
      <h1>{t('rec.new.title')}</h1>
      <p className="muted">{user.role === 'commune' ? t('rec.new.routeCommune') : t('rec.new.routeMinistry')}</p>
      <form className="panel rec-form" onSubmit={submit} noValidate>
        <label className="field">
          <span>
            {t('rec.fieldLabel')} <span className="req">*</span>
          </span>
          <select
            name="field"
            value={field}
            aria-invalid={(missing && !field) || errField === 'field'}
            onChange={(e) => setField(e.target.value)}
          >
            <option value="">{t('rec.new.pickField')}</option>
            {REC_FIELDS.map((f) => (
              <option key={f} value={f}>
                {recFieldLabel(t, f)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>
            {t('rec.form.title')} <span className="req">*</span>
          </span>
          <input
            name="title"
            maxLength={300}
            value={title}
            aria-invalid={(missing && !title.trim()) || errField === 'title'}
            onChange={(e) => setTitle(e.target.value)}
          />
        </label>
        <label className="field">
          <span>
            {t('rec.form.content')} <span className="req">*</span>
          </span>
          <textarea
            name="content"
            rows={6}
            maxLength={10000}
            value={content}
            aria-invalid={(missing && !content.trim()) || errField === 'content'}
            onChange={(e) => setContent(e.target.value)}
          />
        </label>
        {similar.length > 0 && (
          <aside className="alert alert-info similar-box" data-testid="similar-hint" aria-live="polite">
            <div>
              <strong>{t('rec.similar.hint')}</strong>
              <ul>
                {similar.map((s) => (
                  <li key={s.id}>
                    <Link
                      href={s.published ? `/tri-thuc?q=${encodeURIComponent(s.title)}` : `/kien-nghi/${s.id}`}
                      target="_blank"
                    >
                      {s.title}
                    </Link>{' '}
                    <span className="muted small">
                      ({s.code} · {recStatusLabel(t, s.status)}
                      {s.published ? ` · ${t('rec.similar.published')}` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          </aside>
        )}
        <label className="field">
          <span>{t('rec.form.legalBasis')}</span>
          <input
            name="legalBasis"
            maxLength={1000}
            value={legalBasis}
            placeholder={t('rec.form.legalBasisPlaceholder')}
            onChange={(e) => setLegalBasis(e.target.value)}
          />
        </label>
        <fieldset className="field radio-group">
          <legend>{t('rec.urgency')}</legend>
          {(['normal', 'urgent'] as const).map((u) => (
            <label key={u} className="check">
              <input type="radio" name="urgency" value={u} checked={urgency === u} onChange={() => setUrgency(u)} />
              <span>{t(`rec.urgency.${u}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('rec.attach.title')}</span>
          <input
            type="file"
            name="attachments"
            multiple
            onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, 10))}
          />
          <span className="muted small">{t('rec.attach.pick')}</span>
        </label>
        {missing && (
          <p className="alert alert-error" role="alert">
            {t('rec.new.missing')}
          </p>
        )}
        {error !== null && (
          <p className="alert alert-error" role="alert">
            {errorText(t, error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('rec.new.sending') : t('rec.new.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
