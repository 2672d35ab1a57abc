import type { AuditEntry } from '../api';
import { auditActionWords, auditEntityWords, changeSummaryWords } from '../../../src/modules/audit/domain/words';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { WhoActed } from './common';

/** The audit log in words: who by name and post, the action and record by name, the unit by name, each change. */
export function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t, lang } = useI18n();
  if (items.length === 0) return <p className="muted">{t('audit.empty')}</p>;
  const withIp = items.some((e) => e.ip);
  return (
    <div className="table-wrap">
      <table className="table cards-on-phone audit-table" data-testid="audit-table">
        <thead>
          <tr>
            <th>{t('audit.col.at')}</th>
            <th>{t('audit.col.actor')}</th>
            {withIp && <th>{t('audit.col.ip')}</th>}
            <th>{t('audit.col.action')}</th>
            <th>{t('audit.col.entity')}</th>
            <th>{t('audit.col.change')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => {
            const lines = changeSummaryWords(lang, e.before, e.after);
            return (
              <tr key={e.id}>
                <td data-label={t('audit.col.at')} className="nowrap">
                  {formatDateTime(e.at)}
                </td>
                <td data-label={t('audit.col.actor')}>
                  <WhoActed actor={e.actor} />
                </td>
                {withIp && <td data-label={t('audit.col.ip')}>{e.ip ?? t('common.none')}</td>}
                <td data-label={t('audit.col.action')}>{auditActionWords(lang, e.entity, e.action)}</td>
                <td data-label={t('audit.col.entity')}>
                  {auditEntityWords(lang, e.entity)}
                  {e.unitCode && e.unitName && (
                    <span className="block">
                      <Link href={`/units/${e.unitCode}`}>{e.unitName}</Link>
                    </span>
                  )}
                </td>
                <td data-label={t('audit.col.change')} className="change">
                  {lines.length === 0 ? t('common.none') : lines.map((l, i) => <div key={i}>{l}</div>)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
