CREATE TABLE "dossier_province_stats_pending" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"day" date NOT NULL,
	"field" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"received_offered_online" integer DEFAULT 0 NOT NULL,
	"received_digitized" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"finished_on_time" integer DEFAULT 0 NOT NULL,
	"finished_with_e_result" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"ratings_satisfied" integer DEFAULT 0 NOT NULL,
	"complained_or_dissatisfied" integer DEFAULT 0 NOT NULL,
	"wait_minutes_total" integer DEFAULT 0 NOT NULL
);

--> statement-breakpoint
-- The province roll-up of the dossier figures is added to inside the COMMIT (issue #14). Every intake and action of a
-- province added to the same row of the day (province, day, field) and held its lock from that statement to the
-- client's COMMIT, one round trip through a busy server, while every other change of the province waited (3.5 ms a
-- statement on average under the office day, in convoys). Now the change writes its additions to
-- `dossier_province_stats_pending`; a deferred trigger adds them to the row at the commit and deletes the pending row.
-- The unit's own rows are still added to in the statement (only the unit's own changes share them). A transaction
-- that rolls back leaves nothing in either table.
CREATE OR REPLACE FUNCTION dossier_province_stats_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dossier_province_stats AS s (province_code, day, field, received, received_online, received_offered_online, received_digitized, finished, finished_on_time, finished_with_e_result, ratings, ratings_satisfied, complained_or_dissatisfied, wait_minutes_total)
    VALUES (NEW.province_code, NEW.day, NEW.field, NEW.received, NEW.received_online, NEW.received_offered_online, NEW.received_digitized, NEW.finished, NEW.finished_on_time, NEW.finished_with_e_result, NEW.ratings, NEW.ratings_satisfied, NEW.complained_or_dissatisfied, NEW.wait_minutes_total)
    ON CONFLICT (province_code, day, field) DO UPDATE SET
      received = s.received + EXCLUDED.received,
      received_online = s.received_online + EXCLUDED.received_online,
      received_offered_online = s.received_offered_online + EXCLUDED.received_offered_online,
      received_digitized = s.received_digitized + EXCLUDED.received_digitized,
      finished = s.finished + EXCLUDED.finished,
      finished_on_time = s.finished_on_time + EXCLUDED.finished_on_time,
      finished_with_e_result = s.finished_with_e_result + EXCLUDED.finished_with_e_result,
      ratings = s.ratings + EXCLUDED.ratings,
      ratings_satisfied = s.ratings_satisfied + EXCLUDED.ratings_satisfied,
      complained_or_dissatisfied = s.complained_or_dissatisfied + EXCLUDED.complained_or_dissatisfied,
      wait_minutes_total = s.wait_minutes_total + EXCLUDED.wait_minutes_total;
  DELETE FROM dossier_province_stats_pending WHERE seq = NEW.seq;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER dossier_province_stats_pending_apply AFTER INSERT ON dossier_province_stats_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION dossier_province_stats_apply();
