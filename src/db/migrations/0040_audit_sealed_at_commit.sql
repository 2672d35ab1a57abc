CREATE TABLE "audit_pending" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_username" text NOT NULL,
	"ip" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"province_code" text,
	"unit_code" text,
	"before" jsonb,
	"after" jsonb,
	"content" text NOT NULL
);
--> statement-breakpoint
-- An audit entry joins its chain at the commit of the change it records (issue #14). `audit_append` took the chain's
-- lock when called, so the lock was held until the client sent COMMIT: one round trip through a busy server, during
-- which every other change and reading of the province waited (the office day's first wait: 14 ms an entry). Now
-- `audit_append` only writes the entry to `audit_pending`; a deferred trigger, fired inside the COMMIT, takes the
-- chain's lock, reads its last hash (READ COMMITTED: each statement its own snapshot, taken once the lock is granted),
-- writes the entry to `audit_log` after it, hashed as before (entryHash: sha256 of the previous hash, a newline and
-- the canonical JSON of the content) and deletes the pending row. The lock is held from there to the end of the
-- commit without leaving PostgreSQL. Entries reach `audit_log` in the order their chain's lock is granted, so ids
-- still follow each chain; a transaction that rolls back leaves nothing in either table.
DROP FUNCTION IF EXISTS audit_append(bigint, timestamptz, uuid, text, text, text, text, text, text, text, jsonb, jsonb, text);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_append(p_at timestamptz, p_actor_id uuid, p_actor_username text, p_ip text,
  p_action text, p_entity text, p_entity_id text, p_province text, p_unit text, p_before jsonb, p_after jsonb,
  p_content text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO audit_pending (at, actor_id, actor_username, ip, action, entity, entity_id, province_code, unit_code,
      before, after, content)
    VALUES (p_at, p_actor_id, p_actor_username, p_ip, p_action, p_entity, p_entity_id, p_province, p_unit, p_before,
      p_after, p_content);
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_seal() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev text;
BEGIN
  -- the chain's lock: the same keys as before (727000 + the province's number; 727000 for the national records)
  PERFORM pg_advisory_xact_lock(727000 + coalesce(NEW.province_code::int, 0));
  IF NEW.province_code IS NULL THEN
    SELECT hash INTO prev FROM audit_log WHERE province_code IS NULL ORDER BY id DESC LIMIT 1;
  ELSE
    SELECT hash INTO prev FROM audit_log WHERE province_code = NEW.province_code ORDER BY id DESC LIMIT 1;
  END IF;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_log (at, actor_id, actor_username, ip, action, entity, entity_id, province_code, unit_code,
      before, after, prev_hash, hash)
    VALUES (NEW.at, NEW.actor_id, NEW.actor_username, NEW.ip, NEW.action, NEW.entity, NEW.entity_id,
      NEW.province_code, NEW.unit_code, NEW.before, NEW.after, prev,
      encode(sha256(convert_to(prev || chr(10) || NEW.content, 'UTF8')), 'hex'));
  DELETE FROM audit_pending WHERE seq = NEW.seq;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_pending_seal AFTER INSERT ON audit_pending DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_seal();
