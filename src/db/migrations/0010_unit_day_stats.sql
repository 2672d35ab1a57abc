CREATE TABLE "dossier_unit_stats" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"day" date NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"received_digitized" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"finished_on_time" integer DEFAULT 0 NOT NULL,
	"finished_with_e_result" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"ratings_satisfied" integer DEFAULT 0 NOT NULL,
	"wait_minutes_total" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_unit_stats_province_code_unit_code_day_pk" PRIMARY KEY("province_code","unit_code","day")
);
--> statement-breakpoint
-- Rebuilds the roll-ups of the unit figures (per unit and day; per province, day and field) for one province,
-- or all with NULL: after a bulk load. Actions keep them up to date one by one.
CREATE OR REPLACE FUNCTION dossier_stats_roll_up(p_province text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dossier_unit_stats WHERE p_province IS NULL OR province_code = p_province;
  DELETE FROM dossier_province_stats WHERE p_province IS NULL OR province_code = p_province;
  INSERT INTO dossier_unit_stats (province_code, unit_code, day, received, received_online, received_digitized, finished, finished_on_time,
      finished_with_e_result, ratings, ratings_satisfied, wait_minutes_total)
    SELECT province_code, unit_code, day, sum(received), sum(received_online), sum(received_digitized), sum(finished), sum(finished_on_time),
      sum(finished_with_e_result), sum(ratings), sum(ratings_satisfied), sum(wait_minutes_total)
    FROM dossier_daily_stats WHERE p_province IS NULL OR province_code = p_province GROUP BY province_code, unit_code, day;
  INSERT INTO dossier_province_stats (province_code, day, field, received, received_online, received_digitized, finished, finished_on_time,
      finished_with_e_result, ratings, ratings_satisfied, wait_minutes_total)
    SELECT province_code, day, field, sum(received), sum(received_online), sum(received_digitized), sum(finished), sum(finished_on_time),
      sum(finished_with_e_result), sum(ratings), sum(ratings_satisfied), sum(wait_minutes_total)
    FROM dossier_daily_stats WHERE p_province IS NULL OR province_code = p_province GROUP BY province_code, day, field;
END;
$$;
--> statement-breakpoint
SELECT dossier_stats_roll_up(NULL);
