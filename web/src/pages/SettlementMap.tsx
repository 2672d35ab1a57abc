/** The provinces by share of leaving cases settled (loaded only when the progress board opens: it pulls ECharts). */
import { useMemo } from 'react';
import { ErrorBox, Loading, useLoad } from '../components/common';
import { loadProvinceGeo, ProvinceChoropleth } from '../components/ProvinceChoropleth';
import { useI18n } from '../i18n';
import type { ProgressRow } from '../../../src/modules/settlement/contract';

export default function SettlementMap({ rows }: { rows: ProgressRow[] }) {
  const { t } = useI18n();
  const geo = useLoad(() => loadProvinceGeo(), []);
  const values = useMemo(() => new Map(rows.map((r) => [r.code, r.cases ? r.settledShare * 100 : null])), [rows]);
  const names = useMemo(() => new Map(rows.map((r) => [r.code, r.name])), [rows]);
  if (geo.error) return <ErrorBox error={geo.error} onRetry={geo.reload} />;
  if (geo.loading) return <Loading />;
  return (
    <ProvinceChoropleth
      values={values}
      names={names}
      label={t('st.share')}
      format={(v) => `${Math.round(v)}%`}
      testId="st-map"
    />
  );
}
