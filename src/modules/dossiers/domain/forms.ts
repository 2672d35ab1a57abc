/** The printable one-stop forms (Circular 01/2018/TT-VPCP): 01 receipt and appointment, 02 supplement request,
 * 03 refusal, 04 apology and new date, 05 control slip. */
export const FORMS = ['01', '02', '03', '04', '05'] as const;
export type FormNo = (typeof FORMS)[number];
