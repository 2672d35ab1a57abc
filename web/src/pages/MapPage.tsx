import { useCallback, useMemo, useState } from 'react';
import { api, type UnitItem, type UnitPage } from '../api';
import { loadProvinceGeo, ProvinceChoropleth } from '../components/ProvinceChoropleth';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { collator, formatInteger, formatNumber, todayInVietnam } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { Link, navigate } from '../router';

const METRICS = ['population', 'area', 'density', 'communes', 'phuong', 'xa'] as const;
type Metric = (typeof METRICS)[number];

function figure(u: UnitItem, m: Metric): number | null {
  switch (m) {
    case 'population':
      return u.population;
    case 'area':
      return u.areaKm2;
    case 'density':
      return u.population != null && u.areaKm2 ? u.population / u.areaKm2 : null;
    case 'communes':
      return u.counts?.total ?? null;
    case 'phuong':
      return u.counts?.phuong ?? null;
    case 'xa':
      return u.counts?.xa ?? null;
  }
}
const show = (m: Metric, v: number) => (m === 'area' ? formatNumber(v) : formatInteger(v));

export default function MapPage() {
  const { t } = useI18n();
  const [metric, setMetric] = useState<Metric>('population');
  const data = useLoad(async (signal) => {
    const [, units] = await Promise.all([
      loadProvinceGeo(),
      api.get<UnitPage>('/api/units', { level: 'province', pageSize: 50, at: todayInVietnam() }, signal),
    ]);
    return units.items;
  }, []);
  const metricLabel = t(`map.metric.${metric}` as MessageKey);

  const ranked = useMemo(
    () =>
      (data.data ?? [])
        .map((u) => ({ u, v: figure(u, metric) }))
        .sort((a, b) => (b.v ?? -1) - (a.v ?? -1) || collator.compare(a.u.name, b.u.name)),
    [data.data, metric],
  );

  return (
    <div className="map-page">
      <h1>{t('map.title')}</h1>
      <div className="filters">
        <label className="field">
          <span>{t('map.metric')}</span>
          <select name="metric" value={metric} onChange={(e) => setMetric(e.target.value as Metric)}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {t(`map.metric.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <p className="muted map-hint">{t('map.hint')}</p>
      </div>
      {data.error ? (
        <ErrorBox error={data.error} onRetry={data.reload} />
      ) : !data.data ? (
        <Loading />
      ) : (
        <div className="map-layout">
          <ProvinceMap units={data.data} metric={metric} metricLabel={metricLabel} />
          <section className="panel map-list" aria-label={metricLabel}>
            <h2>{metricLabel}</h2>
            <ol>
              {ranked.map(({ u, v }) => (
                <li key={u.code}>
                  <Link href={`/units/${u.code}`}>{u.name}</Link>
                  <span className="num">{v == null ? t('map.noData') : show(metric, v)}</span>
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </div>
  );
}

function ProvinceMap({ units, metric, metricLabel }: { units: UnitItem[]; metric: Metric; metricLabel: string }) {
  const values = useMemo(() => new Map(units.map((u) => [u.code, figure(u, metric)])), [units, metric]);
  const names = useMemo(() => new Map(units.map((u) => [u.code, u.fullName])), [units]);
  const format = useCallback((v: number) => show(metric, v), [metric]);
  return <ProvinceChoropleth values={values} names={names} label={metricLabel} format={format} onPick={pickProvince} />;
}

const pickProvince = (code: string) => navigate(`/units/${code}`);
