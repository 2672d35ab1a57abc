import { useEffect, useState } from 'react';
import { formatDate, parseDate } from '../format';
import { useI18n } from '../i18n';

/**
 * The "from" and "to" day fields of a filter bar, typed as dd/mm/yyyy and applied when the field is left: a day that
 * cannot be read is reported through `onInvalid` (the page shows its message) and not applied. With `allowEmpty` an
 * emptied field clears its bound. The fields follow the values when the page changes them (a link, the back button).
 */
export function DateRangeFields(props: {
  from: string;
  to: string;
  allowEmpty?: boolean;
  onApply(key: 'from' | 'to', iso: string): void;
  onInvalid(bad: boolean): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState({ from: formatDate(props.from), to: formatDate(props.to) });
  useEffect(() => setText((x) => ({ ...x, from: formatDate(props.from) })), [props.from]);
  useEffect(() => setText((x) => ({ ...x, to: formatDate(props.to) })), [props.to]);
  const apply = (key: 'from' | 'to') => {
    const iso = props.allowEmpty && text[key].trim() === '' ? '' : parseDate(text[key]);
    props.onInvalid(iso === null);
    if (iso !== null && iso !== props[key]) props.onApply(key, iso);
  };
  return (
    <>
      {(['from', 'to'] as const).map((key) => (
        <label className="field field-date" key={key}>
          <span>{t(key === 'from' ? 'board.from' : 'board.to')}</span>
          <input
            name={key}
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            value={text[key]}
            onChange={(e) => setText({ ...text, [key]: e.target.value })}
            onBlur={() => apply(key)}
          />
        </label>
      ))}
    </>
  );
}
