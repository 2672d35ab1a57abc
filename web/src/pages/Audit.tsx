import { useEffect, useState } from 'react';
import { api, withQuery, type AuditEntry, type Page, type UnitItem, type UnitPage } from '../api';
import { useUser } from '../auth';
import { AuditTable } from '../components/AuditTable';
import { ErrorBox, Loading, Pager, useLoad } from '../components/common';
import { AUDIT_ENTITIES, auditEntityWords } from '../../../src/modules/audit/domain/words';
import { byName } from '../format';
import { DateRangeFields } from '../components/DateRangeFields';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';

const KEYS = ['who', 'entity', 'province', 'commune', 'from', 'to'] as const;
type Filter = Record<(typeof KEYS)[number], string>;

/** The audit log in words, filtered by who, what, unit and dates (kept in the address), with its Excel export. */
export function AuditPage() {
  const { t, lang } = useI18n();
  const { user } = useUser();
  const { query } = useLocation();
  const f = Object.fromEntries(KEYS.map((k) => [k, query.get(k) ?? ''])) as Filter;
  if (user.provinceCode) f.province = user.provinceCode;
  if (user.communeCode) f.commune = user.communeCode;
  const page = Number(query.get('page') ?? '1') || 1;
  const set = (next: Partial<Filter> & { page?: number }) => {
    const v: Record<string, string | number> = { ...f, ...next };
    if ('province' in next) v.commune = '';
    if (!('page' in next)) v.page = '';
    if (user.provinceCode) v.province = '';
    if (user.communeCode) v.commune = '';
    const p = new URLSearchParams();
    for (const [k, val] of Object.entries(v)) if (val && !(k === 'page' && val === 1)) p.set(k, String(val));
    navigate('/audit' + (p.size ? '?' + p.toString() : ''), { replace: true });
  };
  const [who, setWho] = useState(f.who);
  const [badDate, setBadDate] = useState(false);
  useEffect(() => {
    if (who.trim() === f.who) return;
    const timer = setTimeout(() => set({ who: who.trim() }), 350);
    return () => clearTimeout(timer);
  }, [who]);

  const provinces = useLoad(
    (signal) =>
      user.provinceCode
        ? Promise.resolve([] as UnitItem[])
        : api
            .get<UnitPage>('/api/units', { level: 'province', pageSize: 50 }, signal)
            .then((r) => [...r.items].sort(byName)),
    [user.provinceCode],
  );
  const communes = useLoad(
    (signal) =>
      f.province && !user.communeCode
        ? api
            .get<UnitPage>('/api/units', { level: 'commune', province: f.province, pageSize: 500 }, signal)
            .then((r) => [...r.items].sort(byName))
        : Promise.resolve([] as UnitItem[]),
    [f.province, user.communeCode],
  );

  const filter = {
    who: f.who,
    entity: f.entity,
    unit: user.communeCode ? undefined : f.commune || (user.provinceCode ? undefined : f.province) || undefined,
    from: f.from,
    to: f.to,
  };
  const res = useLoad(
    (signal) => api.get<Page<AuditEntry>>('/api/audit', { ...filter, page, pageSize: 50 }, signal),
    [filter.who, filter.entity, filter.unit, filter.from, filter.to, page],
  );
  const entities = [...AUDIT_ENTITIES].sort((a, b) =>
    auditEntityWords(lang, a).localeCompare(auditEntityWords(lang, b), lang),
  );

  return (
    <div>
      <h1>{t('audit.title')}</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} data-testid="audit-filters">
        <label className="field">
          <span>{t('audit.filter.who')}</span>
          <input
            name="who"
            value={who}
            placeholder={t('audit.filter.whoHint')}
            onChange={(e) => setWho(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('audit.filter.what')}</span>
          <select name="entity" value={f.entity} onChange={(e) => set({ entity: e.target.value })}>
            <option value="">{t('audit.filter.all')}</option>
            {entities.map((x) => (
              <option key={x} value={x}>
                {auditEntityWords(lang, x)}
              </option>
            ))}
          </select>
        </label>
        {(provinces.data?.length ?? 0) > 0 && (
          <label className="field">
            <span>{t('board.province')}</span>
            <select name="province" value={f.province} onChange={(e) => set({ province: e.target.value })}>
              <option value="">{t('board.wholeCountry')}</option>
              {provinces.data!.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        {f.province && !user.communeCode && (
          <label className="field">
            <span>{t('board.commune')}</span>
            <select name="commune" value={f.commune} onChange={(e) => set({ commune: e.target.value })}>
              <option value="">{t('board.wholeProvince')}</option>
              {(communes.data ?? []).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.fullName}
                </option>
              ))}
            </select>
          </label>
        )}
        <DateRangeFields
          from={f.from}
          to={f.to}
          allowEmpty
          onApply={(key, iso) => set({ [key]: iso })}
          onInvalid={setBadDate}
        />
        <a className="btn" href={withQuery('/api/audit/export', { ...filter, lang })} download>
          {t('audit.export')}
        </a>
      </form>
      {badDate && (
        <p className="alert alert-error" role="alert">
          {t('units.badDate')}
        </p>
      )}
      {res.error ? (
        <ErrorBox error={res.error} onRetry={res.reload} />
      ) : !res.data ? (
        <Loading />
      ) : (
        <AuditTable items={res.data.items} />
      )}
      {res.data && (
        <Pager
          page={res.data.page}
          pageSize={res.data.pageSize}
          total={res.data.total}
          onPage={(p) => set({ page: p })}
        />
      )}
    </div>
  );
}
