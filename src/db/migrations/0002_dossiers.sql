CREATE TABLE "dossier_daily_stats" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
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
	CONSTRAINT "dossier_daily_stats_province_code_unit_code_day_field_pk" PRIMARY KEY("province_code","unit_code","day","field")
);
--> statement-breakpoint
CREATE TABLE "dossier_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_username" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"unit_code" text NOT NULL,
	"to_unit_code" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"receipt_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"procedure_field" text NOT NULL,
	"receiving_unit_code" text NOT NULL,
	"handling_unit_code" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text,
	"applicant_phone" text,
	"applicant_address" text,
	"received_at" timestamp with time zone NOT NULL,
	"working_days" integer NOT NULL,
	"clock_start_on" date,
	"due_date" date,
	"original_due_date" date,
	"apology_issued_at" timestamp with time zone,
	"apology_reason" text,
	"supplement_count" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone,
	"finished_on" date,
	"returned_at" timestamp with time zone,
	"has_input_scan" boolean DEFAULT false NOT NULL,
	"has_e_result" boolean DEFAULT false NOT NULL,
	"rating" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"code" text NOT NULL,
	"province_code" text DEFAULT '' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"decision_level" text NOT NULL,
	"working_days" integer NOT NULL,
	"fee_vnd" integer DEFAULT 0 NOT NULL,
	"online" boolean NOT NULL,
	"boundary_free" boolean NOT NULL,
	"documents" jsonb NOT NULL,
	"legal_basis" text,
	CONSTRAINT "procedures_province_code_code_valid_from_pk" PRIMARY KEY("province_code","code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "receipt_sequences" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "receipt_sequences_province_code_unit_code_day_pk" PRIMARY KEY("province_code","unit_code","day")
);
--> statement-breakpoint
CREATE INDEX "dossier_documents_dossier_idx" ON "dossier_documents" USING btree ("province_code","dossier_id");--> statement-breakpoint
CREATE INDEX "dossier_events_dossier_idx" ON "dossier_events" USING btree ("province_code","dossier_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_receipt_code_idx" ON "dossiers" USING btree ("receipt_code");--> statement-breakpoint
CREATE INDEX "dossiers_unit_status_idx" ON "dossiers" USING btree ("province_code","handling_unit_code","status");--> statement-breakpoint
CREATE INDEX "dossiers_received_idx" ON "dossiers" USING btree ("province_code","received_at");--> statement-breakpoint
CREATE INDEX "dossiers_open_due_idx" ON "dossiers" USING btree ("province_code","due_date") WHERE finished_at IS NULL;