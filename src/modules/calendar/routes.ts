import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { invalid } from '../../core/errors.js';
import { isIsoDate } from '../../core/calendar/dates.js';
import { dueDate, receivedOn } from '../../core/calendar/deadline.js';
import { sharedWorkingCalendar } from '../../core/calendar/official.js';
import { DaysOff, DaysOffQuery, Deadline, DeadlineQuery, MAX_YEAR, MIN_YEAR } from './contract.js';

/**
 * 'YYYY-MM-DDTHH:mm[:ss[.fff]]' with 'Z' or an offset '±HH:MM' (or '±HHMM'). An unencoded '+' in a
 * query string arrives as a space, so ' 07:00' is read as '+07:00'.
 */
const START = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:([Zz])|([+\- ])(\d{2}):?(\d{2}))$/;

type Lng = 'vi' | 'en';
const say = (lang: Lng, vi: string, en: string) => (lang === 'en' ? en : vi);

function parseStart(raw: string, lang: Lng): Date {
  const m = START.exec(raw);
  const bad = (vi: string, en: string) => invalid('start', 'invalid_value', { detail: say(lang, vi, en) });
  if (!m)
    throw bad(
      'cần ngày giờ ISO 8601 có múi giờ, ví dụ 2026-02-13T10:00:00+07:00',
      'expected an ISO 8601 date-time with an offset, e.g. 2026-02-13T10:00:00+07:00',
    );
  const [, date, hh, mi, ss = '00', frac = '', z, sign, oh, om] = m;
  if (
    !isIsoDate(date!) ||
    Number(hh) > 23 ||
    Number(mi) > 59 ||
    Number(ss) > 59 ||
    (!z && (Number(oh) > 14 || Number(om) > 59))
  ) {
    throw bad('ngày giờ không tồn tại', 'no such date or time');
  }
  const year = Number(date!.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw bad(`năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`, `the year must be ${MIN_YEAR} to ${MAX_YEAR}`);
  const ms = frac ? `.${frac.slice(1, 4).padEnd(3, '0')}` : '';
  const offset = z ? 'Z' : `${sign === '-' ? '-' : '+'}${oh}:${om}`;
  return new Date(`${date}T${hh}:${mi}:${ss}${ms}${offset}`);
}

export async function calendarRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const cal = sharedWorkingCalendar();

  r.get(
    '/api/calendar/deadline',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary:
          'Due date of a procedure counted in working days (Vietnam time; after 15:00 or on a day off the next ' +
          'working day is day one; 0 = same day)',
        querystring: DeadlineQuery,
        response: { 200: Deadline },
      },
    },
    (req) => {
      const at = parseStart(req.query.start, req.lang ?? 'vi');
      return { due: dueDate(at, req.query.workingDays, cal), receivedOn: receivedOn(at, cal) };
    },
  );

  r.get(
    '/api/calendar/days-off',
    {
      config: { public: true },
      schema: {
        tags: ['calendar'],
        summary: "The public sector's days off and make-up working Saturdays of a year",
        querystring: DaysOffQuery,
        response: { 200: DaysOff },
      },
    },
    (req) => {
      const d = cal.daysOff(req.query.year);
      return { year: d.year, official: d.official, daysOff: d.daysOff, swapWorkdays: d.swapWorkdays };
    },
  );
}
