import { api, ApiError } from '../api';
import { errorText, Loading, useLoad } from '../components/common';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { LangToggle } from '../LangToggle';
import type { Static } from 'typebox';
import type { Verification } from '../../../src/modules/training/contract';

type VerificationT = Static<typeof Verification>;

/**
 * The public check of a training certificate, opened from the QR code printed on it (`/trainings/certificates/:code`):
 * no sign-in; genuine (the name, the conference, its day and the minutes present) or not.
 */
export function CertificateCheckPage({ code }: { code: string }) {
  const { t } = useI18n();
  const check = useLoad(
    (signal) =>
      api.get<VerificationT>(`/api/trainings/certificates/${encodeURIComponent(code)}`, {}, signal).catch((err) => {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }),
    [code],
  );
  const v = check.data;
  return (
    <div className="signin-page public-page">
      <div className="signin-top public-top">
        <LangToggle />
      </div>
      <main className="signin-card public-card" id="main" data-testid="tr-verify">
        <div className="brand brand-large">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <h1>{t('tr.verify.title')}</h1>
        {check.loading && <Loading />}
        {check.error !== null && check.error !== undefined && (
          <p className="alert alert-error" role="alert">
            {errorText(t, check.error)}
          </p>
        )}
        {!check.loading && v === null && (
          <p className="alert alert-error" role="status" data-testid="tr-verify-result">
            {t('tr.verify.unknown')}
          </p>
        )}
        {v && (
          <div role="status" data-testid="tr-verify-result">
            <p className={`alert ${v.valid ? 'alert-ok' : 'alert-error'}`}>
              {v.valid ? t('tr.verify.genuine') : t('tr.verify.notValid')}
            </p>
            <dl className="facts facts-plain">
              <div className="wide">
                <dt>{t('tr.verify.name')}</dt>
                <dd>{v.fullName}</dd>
              </div>
              <div className="wide">
                <dt>{t('tr.event')}</dt>
                <dd>{v.title}</dd>
              </div>
              <div>
                <dt>{t('tr.startsAt')}</dt>
                <dd>{formatDateTime(v.startsAt)}</dd>
              </div>
              <div>
                <dt>{t('tr.verify.minutes')}</dt>
                <dd>{t('tr.verify.minutesValue', { minutes: v.minutes })}</dd>
              </div>
            </dl>
          </div>
        )}
      </main>
    </div>
  );
}
