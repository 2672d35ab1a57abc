CREATE TABLE "dossier_backlog" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"due_date" date NOT NULL,
	"queue" boolean NOT NULL,
	"open" integer NOT NULL,
	CONSTRAINT "dossier_backlog_province_code_unit_code_due_date_queue_pk" PRIMARY KEY("province_code","unit_code","due_date","queue")
);
--> statement-breakpoint
CREATE TABLE "dossier_province_backlog" (
	"province_code" text NOT NULL,
	"due_date" date NOT NULL,
	"queue" boolean NOT NULL,
	"open" integer NOT NULL,
	CONSTRAINT "dossier_province_backlog_province_code_due_date_queue_pk" PRIMARY KEY("province_code","due_date","queue")
);
--> statement-breakpoint
-- Moves one dossier's count from its old backlog key to its new one (a key is the handling unit, the due date,
-- 'infinity' while the clock is stopped, and whether it waits in the intake queue); a NULL unit means "none"
-- (intake: no old key; finishing: no new key). Rows are locked in key order, unit rows before province rows,
-- so concurrent moves cannot deadlock; a row that falls to zero is removed.
CREATE OR REPLACE FUNCTION dossier_backlog_move(p_province text, p_old_unit text, p_old_due date, p_old_queue boolean,
  p_new_unit text, p_new_due date, p_new_queue boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old_due date := coalesce(p_old_due, 'infinity');
  new_due date := coalesce(p_new_due, 'infinity');
BEGIN
  INSERT INTO dossier_backlog AS b (province_code, unit_code, due_date, queue, open)
    SELECT p_province, u, d, q, sum(n) FROM (VALUES (p_old_unit, old_due, p_old_queue, -1), (p_new_unit, new_due, p_new_queue, 1)) v (u, d, q, n)
    WHERE u IS NOT NULL GROUP BY u, d, q HAVING sum(n) <> 0 ORDER BY u, d, q
  ON CONFLICT (province_code, unit_code, due_date, queue) DO UPDATE SET open = b.open + excluded.open;
  INSERT INTO dossier_province_backlog AS b (province_code, due_date, queue, open)
    SELECT p_province, d, q, sum(n) FROM (VALUES (p_old_unit, old_due, p_old_queue, -1), (p_new_unit, new_due, p_new_queue, 1)) v (u, d, q, n)
    WHERE u IS NOT NULL GROUP BY d, q HAVING sum(n) <> 0 ORDER BY d, q
  ON CONFLICT (province_code, due_date, queue) DO UPDATE SET open = b.open + excluded.open;
  IF p_old_unit IS NOT NULL THEN
    DELETE FROM dossier_backlog WHERE province_code = p_province AND unit_code = p_old_unit AND due_date = old_due AND queue = p_old_queue AND open = 0;
    DELETE FROM dossier_province_backlog WHERE province_code = p_province AND due_date = old_due AND queue = p_old_queue AND open = 0;
  END IF;
END;
$$;
--> statement-breakpoint
-- Recounts the backlog of one province (or of all, with NULL) from the open dossiers: after a bulk load.
CREATE OR REPLACE FUNCTION dossier_backlog_rebuild(p_province text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dossier_backlog WHERE p_province IS NULL OR province_code = p_province;
  DELETE FROM dossier_province_backlog WHERE p_province IS NULL OR province_code = p_province;
  INSERT INTO dossier_backlog (province_code, unit_code, due_date, queue, open)
    SELECT province_code, handling_unit_code, coalesce(due_date, 'infinity'), status IN ('registered', 'received'), count(*)
    FROM dossiers WHERE finished_at IS NULL AND (p_province IS NULL OR province_code = p_province) GROUP BY 1, 2, 3, 4;
  INSERT INTO dossier_province_backlog (province_code, due_date, queue, open)
    SELECT province_code, due_date, queue, sum(open) FROM dossier_backlog WHERE p_province IS NULL OR province_code = p_province GROUP BY 1, 2, 3;
END;
$$;
--> statement-breakpoint
SELECT dossier_backlog_rebuild(NULL);
