CREATE TABLE "dossier_province_stats" (
	"province_code" text NOT NULL,
	"day" date NOT NULL,
	"field" text NOT NULL,
	"received" integer DEFAULT 0 NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"received_digitized" integer DEFAULT 0 NOT NULL,
	"finished" integer DEFAULT 0 NOT NULL,
	"finished_on_time" integer DEFAULT 0 NOT NULL,
	"finished_with_e_result" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"ratings_satisfied" integer DEFAULT 0 NOT NULL,
	"wait_minutes_total" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "dossier_province_stats_province_code_day_field_pk" PRIMARY KEY("province_code","day","field")
);
--> statement-breakpoint
DROP INDEX "dossiers_open_due_idx";--> statement-breakpoint
CREATE INDEX "dossiers_open_idx" ON "dossiers" USING btree ("province_code","handling_unit_code","due_date","status") WHERE finished_at IS NULL;