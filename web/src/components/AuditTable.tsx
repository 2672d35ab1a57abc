import type { AuditEntry } from '../api';
import { formatDateTime } from '../format';
import { maybe, useI18n, type Translate } from '../i18n';
import { Link } from '../router';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(t: Translate, v: unknown): string {
  if (v === null || v === undefined || v === '') return t('audit.empty.value');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** "Phone: 024 … → 0912 …" for each field that changed; the new values for a creation. */
export function changeSummary(t: Translate, before: unknown, after: unknown): string[] {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const lines: string[] = [];
  for (const k of keys) {
    const bv = b[k];
    const av = a[k];
    if (JSON.stringify(bv) === JSON.stringify(av)) continue;
    const label = maybe(t, `audit.field.${k}`, k);
    lines.push(isRecord(before) ? `${label}: ${show(t, bv)} → ${show(t, av)}` : `${label}: ${show(t, av)}`);
  }
  return lines;
}

export function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="muted">{t('audit.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table cards-on-phone audit-table">
        <thead>
          <tr>
            <th>{t('audit.col.at')}</th>
            <th>{t('audit.col.actor')}</th>
            <th>{t('audit.col.ip')}</th>
            <th>{t('audit.col.action')}</th>
            <th>{t('audit.col.entity')}</th>
            <th>{t('audit.col.change')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => {
            const lines = changeSummary(t, e.before, e.after);
            return (
              <tr key={e.id}>
                <td data-label={t('audit.col.at')} className="nowrap">
                  {formatDateTime(e.at)}
                </td>
                <td data-label={t('audit.col.actor')}>
                  {e.actor ? (
                    <>
                      {e.actor.name}
                      {e.actor.post && <div className="muted">{e.actor.post}</div>}
                    </>
                  ) : (
                    t('audit.actor.system')
                  )}
                </td>
                <td data-label={t('audit.col.ip')}>{e.ip ?? t('common.none')}</td>
                <td data-label={t('audit.col.action')}>{maybe(t, `audit.action.${e.action}`, e.action)}</td>
                <td data-label={t('audit.col.entity')}>
                  {maybe(t, `audit.entity.${e.entity}`, e.entity)}{' '}
                  {e.unitCode ? (
                    <Link href={`/units/${e.unitCode}`}>{e.unitCode}</Link>
                  ) : (
                    <span className="muted">{e.entityId.length > 12 ? '' : e.entityId}</span>
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
