/**
 * The calendar module's HTTP contract: the routes' query and response schemas (TypeBox), from which the routes
 * validate and serialize and the OpenAPI document is built. Public: no sign-in.
 */
import { Type, type Static } from 'typebox';
import { IsoDate, Lang, StringEnum } from '../../core/schemas.js';

export const MIN_YEAR = 2020;
export const MAX_YEAR = 2100;

const YmdString = IsoDate;

export const DeadlineQuery = Type.Object({
  start: Type.String({
    maxLength: 40,
    description:
      'when the dossier was received: ISO 8601 date-time with an offset or Z, e.g. 2026-02-13T10:00:00+07:00 (encode + as %2B)',
  }),
  workingDays: Type.Integer({
    minimum: 0,
    maximum: 365,
    description:
      'time limit of the procedure, in working days; 0 = same-day procedure (due the day of receipt, or the next working day after 15:00)',
  }),
  lang: Lang,
});

export const Deadline = Type.Object({
  due: YmdString('due date (ngày hẹn trả), YYYY-MM-DD'),
  receivedOn: YmdString(
    'effective receipt day, YYYY-MM-DD: the day itself up to 15:00 on a working day (day one is the next ' +
      'working day); otherwise the next working day, which is itself day one',
  ),
});
export type Deadline = Static<typeof Deadline>;

export const DaysOffQuery = Type.Object({
  year: Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR }),
  lang: Lang,
});

export const DayOffItem = Type.Object({
  date: YmdString('YYYY-MM-DD'),
  reason: Type.String({ description: 'Vietnamese' }),
  reasonEn: Type.String(),
  kind: StringEnum(['holiday', 'substitute', 'swap_off'] as const, {
    description:
      'holiday (listed even on a weekend) | substitute (nghỉ bù, Labour Code Art. 111(3)) | swap_off (weekday off made up on a Saturday)',
  }),
  source: Type.String({ description: 'legal text or notice' }),
});

export const SwapWorkdayItem = Type.Object({
  date: YmdString('the make-up working day (normally a Saturday)'),
  reason: Type.String(),
  reasonEn: Type.String(),
  replaces: YmdString('the weekday given off in exchange'),
  source: Type.String(),
});

export const DaysOff = Type.Object({
  year: Type.Integer(),
  official: Type.Boolean({
    description: "true when the year's notice is on file; false: the Labour Code defaults",
  }),
  daysOff: Type.Array(DayOffItem),
  swapWorkdays: Type.Array(SwapWorkdayItem),
});
export type DaysOff = Static<typeof DaysOff>;
