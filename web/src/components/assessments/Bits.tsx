import { bandLabel, points, type Band, type Score } from '../../assessments';
import { useI18n } from '../../i18n';

/** A band as a coloured label; "not rated" when there is none. */
export function BandTag({ band }: { band: Band | null | undefined }) {
  const { t } = useI18n();
  return <span className={`status band band-${band ?? 'none'}`}>{bandLabel(t, band)}</span>;
}

/** A score with its band, and "provisional" while the period is open and results are missing. */
export function ScoreCell({ score, provisional }: { score: Score | null; provisional?: boolean }) {
  const { t } = useI18n();
  if (!score || score.total == null)
    return (
      <span className="muted" data-testid="score">
        {t('as.score.none')}
      </span>
    );
  return (
    <span className="score-cell" data-testid="score">
      <strong className="score-value">{points(score.total)}</strong> <BandTag band={score.band} />
      {provisional && <span className="badge badge-provisional">{t('as.score.provisional')}</span>}
    </span>
  );
}
