CREATE TABLE "workforce_import_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"province_code" text,
	"user_id" uuid NOT NULL,
	"file_name" text,
	"status" text NOT NULL,
	"phase" text NOT NULL,
	"percent" integer DEFAULT 0 NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"error" jsonb,
	"claimed_by" text NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "workforce_import_jobs_running_idx" ON "workforce_import_jobs" USING btree ("status","heartbeat_at");