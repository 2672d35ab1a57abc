import { BANDS, BAND_COLOR, bandLabel, type UnitAnnual } from '../../assessments';
import { formatInteger } from '../../format';
import { useI18n } from '../../i18n';

/** The distribution of bands as bars, the excellent bar against its quota (a marker and a warning when over). */
export function BandBars({ quota, notRated }: { quota: UnitAnnual['quota']; notRated: number }) {
  const { t } = useI18n();
  const max = Math.max(1, quota.quota, ...BANDS.map((b) => quota.counts[b]));
  const pct = (n: number) => `${(100 * n) / max}%`;
  return (
    <div className="band-bars" data-testid="band-bars">
      {quota.exceeded && (
        <p className="alert alert-error" role="alert" data-testid="quota-exceeded">
          {t('as.quota.exceeded', { n: formatInteger(quota.excellent), quota: formatInteger(quota.quota) })}
        </p>
      )}
      <ul className="band-list">
        {BANDS.map((b) => (
          <li key={b} className="band-row">
            <span className="band-name">{bandLabel(t, b)}</span>
            <span className="band-track">
              <span
                className={`band-fill${b === 'excellent' && quota.exceeded ? ' over' : ''}`}
                style={{ width: pct(quota.counts[b]), background: BAND_COLOR[b] }}
              />
              {b === 'excellent' && (
                <span
                  className="band-quota"
                  style={{ left: pct(quota.quota) }}
                  title={t('as.quota.marker', { n: quota.quota })}
                  aria-hidden="true"
                />
              )}
            </span>
            <span className="band-count" data-testid={`band-count-${b}`}>
              {formatInteger(quota.counts[b])}
            </span>
          </li>
        ))}
      </ul>
      <p className="muted small">
        {t('as.quota.line', { quota: formatInteger(quota.quota), good: formatInteger(quota.counts.good) })}
        {notRated > 0 && ` · ${t('as.quota.notRated', { n: formatInteger(notRated) })}`}
      </p>
    </div>
  );
}
