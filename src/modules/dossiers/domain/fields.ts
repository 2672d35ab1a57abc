/**
 * The procedure fields of the national catalogue (data/reference/procedures/catalogue.json, in its order): the
 * board's field filter and the labels of the web (`field.<code>`).
 */
export const FIELDS = [
  'ho_tich',
  'chung_thuc',
  'cu_tru',
  'bao_tro_xa_hoi',
  'dat_dai',
  'thi_dua_khen_thuong',
  'tin_nguong_ton_giao',
  'nguoi_co_cong',
] as const;
export type Field = (typeof FIELDS)[number];
