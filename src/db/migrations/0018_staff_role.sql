-- Custom SQL: a read-only account linked to a staff record was a "staff account"; it now has a role of its own
-- (staff), which sees its own record and work only (issue #14). Accounts created before keep their meaning.
UPDATE "users" SET "role" = 'staff' WHERE "role" = 'viewer' AND "person_id" IS NOT NULL;
