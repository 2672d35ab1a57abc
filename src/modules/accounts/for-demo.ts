// Named queries and bulk writes of the accounts for the other modules' demo parts (read and written through the door,
// never through the `users` table): the demo password's hash, demo accounts made in one statement, the local accounts.
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import type { UnitRole } from '../../core/roles.js';

/** The hash of the demo password, as the demo's `ministry` account holds it; undefined when the demo has no accounts. */
export async function demoPasswordHash(database: Database): Promise<string | undefined> {
  const [known] = await database.rows<{ password_hash: string }>(
    sql`SELECT password_hash FROM users WHERE username = 'ministry' AND is_demo`,
  );
  return known?.password_hash;
}

/** A demo account to create (marked as demo); places and the linked person are optional. */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  provinceCode?: string | null;
  communeCode?: string | null;
  personId?: string | null;
  /** a personal account's roles in its unit (none for the unit and national accounts) */
  unitRoles?: readonly UnitRole[];
  passwordHash: string;
}

/** Creates demo accounts in bulk (one statement per 5,000) and gives back their ids by user name. */
export async function insertDemoAccounts(
  database: Database,
  accounts: DemoAccount[],
): Promise<{ id: string; username: string }[]> {
  const out: { id: string; username: string }[] = [];
  for (let i = 0; i < accounts.length; i += 5000) {
    const rows = accounts.slice(i, i + 5000).map((a) => ({
      username: a.username,
      display_name: a.displayName,
      role: a.role,
      province_code: a.provinceCode ?? null,
      commune_code: a.communeCode ?? null,
      person_id: a.personId ?? null,
      unit_roles: a.unitRoles ?? [],
      password_hash: a.passwordHash,
    }));
    out.push(
      ...(await database.rows<{ id: string; username: string }>(sql`
        INSERT INTO users (username, display_name, role, province_code, commune_code, person_id, unit_roles,
                           password_hash, is_demo)
        SELECT username, display_name, role, province_code, commune_code, person_id, unit_roles, password_hash, true
        FROM json_to_recordset(${JSON.stringify(rows)}::json)
          AS x(username text, display_name text, role text, province_code text, commune_code text, person_id uuid,
               unit_roles text[], password_hash text)
        RETURNING id, username`)),
    );
  }
  return out;
}

/** The staff records that already have an account (a person has one open account at most). */
export async function personIdsWithAccounts(database: Database): Promise<Set<string>> {
  const rows = await database.rows<{ person_id: string }>(sql`SELECT person_id FROM users WHERE person_id IS NOT NULL`);
  return new Set(rows.map((r) => r.person_id));
}

/** The demo's commune and province accounts (who raises the local items of the demo channel). */
export function demoLocalAccounts(database: Database) {
  return database.rows<{
    id: string;
    username: string;
    province_code: string;
    commune_code: string | null;
    role: string;
  }>(
    sql`SELECT id, username, province_code, commune_code, role FROM users WHERE is_demo AND role IN ('commune', 'province')`,
  );
}
