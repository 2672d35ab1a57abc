import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseOfficialCalendar, type OfficialCalendar } from './days-off.js';
import { WorkingCalendar } from './deadline.js';

export const officialDaysFile = fileURLToPath(
  new URL('../../../data/reference/calendar/official-days.json', import.meta.url),
);

/** The notices of data/reference/calendar/official-days.json, checked (a bad date fails at start-up). */
export function loadOfficialCalendar(file = officialDaysFile): OfficialCalendar {
  return parseOfficialCalendar(JSON.parse(readFileSync(file, 'utf8')));
}

/** A working calendar on the official notices. */
export const officialWorkingCalendar = (file = officialDaysFile) => new WorkingCalendar(loadOfficialCalendar(file));

let shared: WorkingCalendar | undefined;
/** The one official working calendar of the process, loaded on first use: every module asks for this one. */
export const sharedWorkingCalendar = (): WorkingCalendar => (shared ??= officialWorkingCalendar());
