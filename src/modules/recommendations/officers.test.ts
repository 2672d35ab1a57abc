import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isOfficer, officerProvincesOn, officerUserIds, registerOfficerDirectory } from './officers.js';

// This file loads the channel without the reinforcement module, as a tool or a future module might.
const db = {} as Db;

describe('the officers directory the channel asks', () => {
  it('refuses to answer before the reinforcement module registered it, instead of taking an officer for a desk', async () => {
    await expect(isOfficer(db, 'u-1')).rejects.toThrow(/not registered/);
    await expect(officerProvincesOn(db, 'u-1', '2026-03-02')).rejects.toThrow(/not registered/);
    expect(() => officerUserIds(db)).toThrow(/not registered/);
  });

  it('answers from the registered directory', async () => {
    registerOfficerDirectory({
      isOfficer: async (_db, userId) => userId === 'officer-1',
      provincesOn: async () => ['01'],
      userIds: () => sql`SELECT 'officer-1'`,
    });
    expect(await isOfficer(db, 'officer-1')).toBe(true);
    expect(await isOfficer(db, 'desk-1')).toBe(false);
    expect(await officerProvincesOn(db, 'officer-1', '2026-03-02')).toEqual(['01']);
  });
});
