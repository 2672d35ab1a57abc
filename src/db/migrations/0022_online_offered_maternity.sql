ALTER TABLE "dossier_daily_stats" ADD COLUMN "received_offered_online" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_province_stats" ADD COLUMN "received_offered_online" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_unit_stats" ADD COLUMN "received_offered_online" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "annual_ratings" ADD COLUMN "maternity_months" double precision DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- The 766 online rate is over the dossiers of procedures offered online: counted at intake from now on; for the
-- dossiers already received, counted once here from the catalogue (the version valid on the day of receipt).
UPDATE dossier_daily_stats s SET received_offered_online = x.n
FROM (
  SELECT d.province_code, d.receiving_unit_code AS unit_code, (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day,
    d.procedure_field AS field, count(*)::int AS n
  FROM dossiers d
  WHERE EXISTS (
    SELECT 1 FROM procedures p
    WHERE p.code = d.procedure_code AND p.online AND p.province_code IN ('', d.province_code)
      AND p.valid_from <= (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
      AND (p.valid_to IS NULL OR p.valid_to > (d.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))
  GROUP BY 1, 2, 3, 4
) x
WHERE s.province_code = x.province_code AND s.unit_code = x.unit_code AND s.day = x.day AND s.field = x.field;
--> statement-breakpoint
-- The roll-ups (per unit and day; per province, day and field) carry the new column.
CREATE OR REPLACE FUNCTION dossier_stats_roll_up(p_province text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dossier_unit_stats WHERE p_province IS NULL OR province_code = p_province;
  DELETE FROM dossier_province_stats WHERE p_province IS NULL OR province_code = p_province;
  INSERT INTO dossier_unit_stats (province_code, unit_code, day, received, received_online, received_offered_online,
      received_digitized, finished, finished_on_time, finished_with_e_result, ratings, ratings_satisfied, wait_minutes_total)
    SELECT province_code, unit_code, day, sum(received), sum(received_online), sum(received_offered_online),
      sum(received_digitized), sum(finished), sum(finished_on_time), sum(finished_with_e_result), sum(ratings),
      sum(ratings_satisfied), sum(wait_minutes_total)
    FROM dossier_daily_stats WHERE p_province IS NULL OR province_code = p_province GROUP BY province_code, unit_code, day;
  INSERT INTO dossier_province_stats (province_code, day, field, received, received_online, received_offered_online,
      received_digitized, finished, finished_on_time, finished_with_e_result, ratings, ratings_satisfied, wait_minutes_total)
    SELECT province_code, day, field, sum(received), sum(received_online), sum(received_offered_online),
      sum(received_digitized), sum(finished), sum(finished_on_time), sum(finished_with_e_result), sum(ratings),
      sum(ratings_satisfied), sum(wait_minutes_total)
    FROM dossier_daily_stats WHERE p_province IS NULL OR province_code = p_province GROUP BY province_code, day, field;
END;
$$;
--> statement-breakpoint
SELECT dossier_stats_roll_up(NULL);
