CREATE TABLE "dossier_complaints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"recorded_by" text,
	"text" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossier_daily_stats" ADD COLUMN "complained_or_dissatisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_province_stats" ADD COLUMN "complained_or_dissatisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_unit_stats" ADD COLUMN "complained_or_dissatisfied" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "published_on" date;--> statement-breakpoint
ALTER TABLE "procedures" ADD COLUMN "effective_on" date;--> statement-breakpoint
CREATE INDEX "dossier_complaints_dossier_idx" ON "dossier_complaints" USING btree ("province_code","dossier_id");--> statement-breakpoint
-- The 766 satisfaction in handling counts each dossier once with a complaint or a dissatisfied rating: before
-- complaints were recorded, that is the dissatisfied ratings.
UPDATE dossier_daily_stats SET complained_or_dissatisfied = ratings - ratings_satisfied WHERE ratings > ratings_satisfied;
--> statement-breakpoint
-- The roll-ups (per unit and day; per province, day and field) carry the new column.
CREATE OR REPLACE FUNCTION dossier_stats_roll_up(p_province text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM dossier_unit_stats WHERE p_province IS NULL OR province_code = p_province;
  DELETE FROM dossier_province_stats WHERE p_province IS NULL OR province_code = p_province;
  INSERT INTO dossier_unit_stats (province_code, unit_code, day, received, received_online, received_offered_online,
      received_digitized, finished, finished_on_time, finished_with_e_result, ratings, ratings_satisfied,
      complained_or_dissatisfied, wait_minutes_total)
    SELECT province_code, unit_code, day, sum(received), sum(received_online), sum(received_offered_online),
      sum(received_digitized), sum(finished), sum(finished_on_time), sum(finished_with_e_result), sum(ratings),
      sum(ratings_satisfied), sum(complained_or_dissatisfied), sum(wait_minutes_total)
    FROM dossier_daily_stats WHERE p_province IS NULL OR province_code = p_province GROUP BY province_code, unit_code, day;
  INSERT INTO dossier_province_stats (province_code, day, field, received, received_online, received_offered_online,
      received_digitized, finished, finished_on_time, finished_with_e_result, ratings, ratings_satisfied,
      complained_or_dissatisfied, wait_minutes_total)
    SELECT province_code, day, field, sum(received), sum(received_online), sum(received_offered_online),
      sum(received_digitized), sum(finished), sum(finished_on_time), sum(finished_with_e_result), sum(ratings),
      sum(ratings_satisfied), sum(complained_or_dissatisfied), sum(wait_minutes_total)
    FROM dossier_daily_stats WHERE p_province IS NULL OR province_code = p_province GROUP BY province_code, day, field;
END;
$$;
--> statement-breakpoint
SELECT dossier_stats_roll_up(NULL);
