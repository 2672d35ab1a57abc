/**
 * The calculator's legal references and formulas in the reader's language. The rules (benefits.ts, eligibility.ts)
 * name each clause in one short, stable form ("Decree 178 Art. 7(1)(a); Circular 01/2025 Art. 4(3)"), kept as it is
 * in each case's frozen breakdown; a page, a refusal or the signed sheet shows it as a Vietnamese official would write
 * it ("điểm a khoản 1 Điều 7 Nghị định số 178/2024/NĐ-CP; khoản 3 Điều 4 Thông tư số 01/2025/TT-BNV"). Pure.
 */
/** the reader's language (the platform's two: core/i18n's Lang, not imported here: a domain file stays pure) */
type Lang = 'vi' | 'en';

/** The instruments the rules cite: the short form, then how each language names it in full. */
const INSTRUMENTS: { short: RegExp; vi: (m: RegExpMatchArray) => string; en: (m: RegExpMatchArray) => string }[] = [
  { short: /^Decree 178(?:\/2024)?/, vi: () => 'Nghị định số 178/2024/NĐ-CP', en: () => 'Decree 178/2024/ND-CP' },
  {
    short: /^Decree (\d+)\/(\d{4})(?:\/NĐ-CP)?/,
    vi: (m) => `Nghị định số ${m[1]}/${m[2]}/NĐ-CP`,
    en: (m) => `Decree ${m[1]}/${m[2]}/ND-CP`,
  },
  {
    short: /^Circular (\d+)\/(\d{4})(?:\/TT-BNV)?/,
    vi: (m) => `Thông tư số ${m[1]}/${m[2]}/TT-BNV`,
    en: (m) => `Circular ${m[1]}/${m[2]}/TT-BNV`,
  },
  {
    short: /^Social Insurance Law (\d{4})/,
    vi: (m) => `Luật Bảo hiểm xã hội năm ${m[1]}`,
    en: (m) => `Social Insurance Law ${m[1]}`,
  },
];

/** One article reference: "Art. 7(1)(a)" = article 7, clause 1, point a; "Appendix I". */
const ARTICLE = /^(?:Art\. )?(\d+[a-z]?)(?:\((\d+)\))?(?:\(([a-zđ])\))?$/;

function instrument(text: string, lang: Lang): { name: string; rest: string } | null {
  for (const i of INSTRUMENTS) {
    const m = text.match(i.short);
    if (m) return { name: (lang === 'en' ? i.en : i.vi)(m), rest: text.slice(m[0].length).trim() };
  }
  return null;
}

/** "Art. 2(2), Art. 7a" / "Art. 7, 7a, 7b" / "Appendix I" in Vietnamese, or null when it is not in that form. */
function articlesVi(refs: string): string | null {
  if (!refs) return '';
  const out: string[] = [];
  for (const part of refs.split(/,\s*/)) {
    if (part === 'Appendix I' || /^Appendix [IVX]+$/.test(part)) {
      out.push(`Phụ lục ${part.slice(9)}`);
      continue;
    }
    const m = part.match(ARTICLE);
    if (!m) return null;
    const [, article, clause, point] = m;
    const bare = !part.startsWith('Art.');
    // "Art. 7, 7a, 7b": the further articles of one list are named by number only.
    if (bare && out.length) out[out.length - 1] += `, ${article}`;
    else out.push(`${point ? `điểm ${point} ` : ''}${clause ? `khoản ${clause} ` : ''}Điều ${article}`);
  }
  return out.join(', ');
}

/** One citation: an instrument, its articles, and what amended it. */
function citation(text: string, lang: Lang): string | null {
  let body = text.trim();
  let amended: string | null = null;
  const am = body.match(/\s*\(?as amended by (.+?)\)?$/);
  if (am) {
    const by = instrument(am[1]!, lang);
    if (!by || by.rest) return null;
    amended = by.name;
    body = body.slice(0, am.index).trim();
  }
  const head = instrument(body, lang);
  if (!head) return null;
  if (lang === 'en') {
    return `${head.name}${head.rest ? ` ${head.rest}` : ''}${amended ? ` (as amended by ${amended})` : ''}`;
  }
  const articles = articlesVi(head.rest);
  if (articles === null) return null;
  return `${articles ? `${articles} ` : ''}${head.name}${amended ? `, được sửa đổi, bổ sung bởi ${amended}` : ''}`;
}

/**
 * The clause as the reader's language cites it. A reference in another form than the rules write is shown as it is
 * (nothing is lost; the test of this file walks every clause the rules use).
 */
export function citeClause(clause: string, lang: Lang): string {
  const parts = clause.split(/;\s*/).map((c) => citation(c, lang));
  return parts.every((p) => p !== null) ? parts.join('; ') : clause;
}

/**
 * A formula's numbers as the reader writes them: the rules write "0.8 × 2,340,000 × 12"; in Vietnamese that is
 * "0,8 × 2.340.000 × 12" (the decimal comma, the dot between thousands).
 */
export function localNumbers(formula: string, lang: Lang): string {
  if (lang === 'en') return formula;
  return formula.replace(/\d[\d,]*(?:\.\d+)?/g, (n) => n.replace(/[.,]/g, (c) => (c === ',' ? '.' : ',')));
}

const RULES_2025: Record<Lang, string> = {
  vi:
    'Nghị định số 178/2024/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 67/2025/NĐ-CP; ' +
    'Thông tư số 01/2025/TT-BNV và Thông tư số 02/2025/TT-BNV',
  en: 'Decree 178/2024/ND-CP as amended by Decree 67/2025/ND-CP; Circulars 01/2025/TT-BNV and 02/2025/TT-BNV',
};

/** The calculation rules each rule version (settings.ts RULE_VERSION) stands for, as a reader names them. */
const RULE_VERSIONS: Record<string, Record<Lang, string>> = {
  'ND178-ND67-TT01/2025-v1': RULES_2025,
  // the same texts; under 2 years early the one-time sum is halved from the 13th month by default (settings.ts)
  'ND178-ND67-TT01/2025-v2': RULES_2025,
};

/** The rules a case was computed under, in words (a page and the signed sheet never print the version's code). */
export function ruleVersionWords(version: string, lang: Lang): string {
  return (
    RULE_VERSIONS[version]?.[lang] ??
    (lang === 'en'
      ? 'the calculation rules in force when the case was computed'
      : 'quy định tính chế độ có hiệu lực khi lập hồ sơ')
  );
}
