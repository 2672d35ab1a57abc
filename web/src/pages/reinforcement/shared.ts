import { useMemo } from 'react';
import { api, type UnitPage } from '../../api';
import { useLoad } from '../../components/common';

// ---------- names ----------

export function useCommunes(province: string) {
  return useLoad(
    async (signal) => {
      const r = await api.get<{ items: { code: string; level: string; fullName: string }[] }>(
        '/api/units/names',
        { province },
        signal,
      );
      return r.items.filter((u) => u.level === 'commune');
    },
    [province],
  );
}

export function useProvinceNames(): Map<string, string> {
  const res = useLoad((signal) => api.get<UnitPage>('/api/units', { level: 'province', pageSize: 100 }, signal), []);
  return useMemo(() => new Map((res.data?.items ?? []).map((u) => [u.code, u.fullName])), [res.data]);
}

export const clamp = (d: string, lo: string, hi: string) => (d < lo ? lo : d > hi ? hi : d);
