/**
 * The procedure fields of the national catalogue (data/reference/procedures/catalogue.json, in its order): the
 * board's field filter and the labels of the web (`field.<code>`). `khac` (other fields) takes the procedures of a
 * province's imported list whose field the catalogue does not name.
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
  'nuoi_con_nuoi',
  'ho_kinh_doanh',
  'cong_thuong',
  'giam_ngheo',
  'tre_em',
  'van_hoa',
  'hoi',
  'tiep_cong_dan',
  'boi_thuong_nha_nuoc',
  'hoa_giai_co_so',
  'viec_lam',
  'giao_duc',
  'xay_dung',
  'nong_nghiep',
  'an_ninh_trat_tu',
  'khac',
] as const;
export type Field = (typeof FIELDS)[number];
