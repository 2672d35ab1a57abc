-- The backlog rebuild takes the statuses that wait in the intake queue from its caller (QUEUE_STATUSES in the
-- dossiers' lifecycle) instead of naming them itself. 0009 is kept as it was applied; the one-argument version goes.
CREATE OR REPLACE FUNCTION dossier_backlog_rebuild(p_province text, p_queue text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dossier_backlog WHERE p_province IS NULL OR province_code = p_province;
  DELETE FROM dossier_province_backlog WHERE p_province IS NULL OR province_code = p_province;
  INSERT INTO dossier_backlog (province_code, unit_code, due_date, queue, open)
    SELECT province_code, handling_unit_code, coalesce(due_date, 'infinity'), status = ANY (p_queue), count(*)
    FROM dossiers WHERE finished_at IS NULL AND (p_province IS NULL OR province_code = p_province) GROUP BY 1, 2, 3, 4;
  INSERT INTO dossier_province_backlog (province_code, due_date, queue, open)
    SELECT province_code, due_date, queue, sum(open) FROM dossier_backlog WHERE p_province IS NULL OR province_code = p_province GROUP BY 1, 2, 3;
END;
$$;
--> statement-breakpoint
DROP FUNCTION IF EXISTS dossier_backlog_rebuild(text);
