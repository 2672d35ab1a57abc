CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"kind" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "recommendation_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_username" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"level" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "recommendation_sequences" (
	"province_code" text NOT NULL,
	"month" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "recommendation_sequences_province_code_month_pk" PRIMARY KEY("province_code","month")
);
--> statement-breakpoint
CREATE TABLE "recommendation_settings" (
	"province_code" text DEFAULT '' NOT NULL,
	"field" text NOT NULL,
	"answer_working_days" integer NOT NULL,
	"warn_working_days" integer NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recommendation_settings_province_code_field_pk" PRIMARY KEY("province_code","field")
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"code" text NOT NULL,
	"field" text NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"legal_basis" text,
	"unit_code" text NOT NULL,
	"urgency" text DEFAULT 'normal' NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"asker_kind" text NOT NULL,
	"asker_unit_code" text NOT NULL,
	"asker_user_id" uuid NOT NULL,
	"asker_username" text NOT NULL,
	"visit_id" uuid,
	"status" text NOT NULL,
	"level" text NOT NULL,
	"arrived_on" date NOT NULL,
	"working_days" integer NOT NULL,
	"due_date" date,
	"warned_for_due" date,
	"answer" text,
	"answer_legal_basis" text,
	"answered_level" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"answered_on" date,
	"answer_working_days" integer,
	"answered_late" boolean,
	"info_request_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" text,
	"search_key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "recommendations_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "reinforcement_officers" (
	"province_code" text NOT NULL,
	"phase_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"position" text,
	"phone" text,
	CONSTRAINT "reinforcement_officers_province_code_phase_id_user_id_pk" PRIMARY KEY("province_code","phase_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "reinforcement_phases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"copied_from" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reinforcement_reports" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"phase_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"username" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"content" text NOT NULL,
	"figures" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reinforcement_reports_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "reinforcement_schedules" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"phase_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"visits" jsonb NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reinforcement_schedules_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "reinforcement_visits" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"phase_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"username" text NOT NULL,
	"commune_code" text NOT NULL,
	"visited_on" date NOT NULL,
	"met_with" text NOT NULL,
	"findings" text NOT NULL,
	"resolved" text,
	"photos" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"client_ref" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "reinforcement_visits_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "recommendation_events_item_idx" ON "recommendation_events" USING btree ("province_code","recommendation_id","id");--> statement-breakpoint
CREATE INDEX "recommendations_code_idx" ON "recommendations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "recommendations_asker_idx" ON "recommendations" USING btree ("province_code","asker_unit_code","created_at");--> statement-breakpoint
CREATE INDEX "recommendations_open_due_idx" ON "recommendations" USING btree ("level","due_date") WHERE closed_at IS NULL;--> statement-breakpoint
CREATE INDEX "recommendations_created_idx" ON "recommendations" USING btree ("province_code","created_at");--> statement-breakpoint
CREATE INDEX "recommendations_published_idx" ON "recommendations" USING btree ("published_at") WHERE published_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "recommendations_visit_idx" ON "recommendations" USING btree ("province_code","visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reinforcement_officers_user_idx" ON "reinforcement_officers" USING btree ("phase_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reinforcement_reports_period_idx" ON "reinforcement_reports" USING btree ("phase_id","user_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "reinforcement_schedules_week_idx" ON "reinforcement_schedules" USING btree ("phase_id","user_id","week_start");--> statement-breakpoint
CREATE UNIQUE INDEX "reinforcement_visits_client_ref_idx" ON "reinforcement_visits" USING btree ("user_id","client_ref");--> statement-breakpoint
CREATE INDEX "reinforcement_visits_phase_idx" ON "reinforcement_visits" USING btree ("phase_id","province_code","commune_code");--> statement-breakpoint
CREATE INDEX "reinforcement_visits_user_idx" ON "reinforcement_visits" USING btree ("phase_id","user_id","visited_on");--> statement-breakpoint
CREATE INDEX "audit_chain_idx" ON "audit_log" USING btree ("province_code","id");