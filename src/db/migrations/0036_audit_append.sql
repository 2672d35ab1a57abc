-- Appends one entry to an audit chain (one per province; NULL: the national records) in one statement: takes the
-- chain's lock, reads its last hash and writes the entry after it, hashed as the platform hashes it (entryHash:
-- sha256 of the previous hash, a newline and the canonical JSON of the content, given as p_content). Each statement
-- of the function takes its own snapshot (READ COMMITTED), so the head is read once the lock is granted. Called
-- alone (autocommit: a reading recorded), the lock is held from here to the commit without a round trip to the
-- server in between; inside a change's transaction, from here to its commit (issue #14).
CREATE OR REPLACE FUNCTION audit_append(p_lock bigint, p_at timestamptz, p_actor_id uuid, p_actor_username text,
  p_ip text, p_action text, p_entity text, p_entity_id text, p_province text, p_unit text, p_before jsonb,
  p_after jsonb, p_content text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock);
  IF p_province IS NULL THEN
    SELECT hash INTO prev FROM audit_log WHERE province_code IS NULL ORDER BY id DESC LIMIT 1;
  ELSE
    SELECT hash INTO prev FROM audit_log WHERE province_code = p_province ORDER BY id DESC LIMIT 1;
  END IF;
  prev := coalesce(prev, repeat('0', 64));
  INSERT INTO audit_log (at, actor_id, actor_username, ip, action, entity, entity_id, province_code, unit_code,
      before, after, prev_hash, hash)
    VALUES (p_at, p_actor_id, p_actor_username, p_ip, p_action, p_entity, p_entity_id, p_province, p_unit,
      p_before, p_after, prev, encode(sha256(convert_to(prev || chr(10) || p_content, 'UTF8')), 'hex'));
END $$;
