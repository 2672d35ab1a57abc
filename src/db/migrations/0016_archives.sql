CREATE TABLE "archive_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"former_level" text NOT NULL,
	"former_code" text NOT NULL,
	"former_name" text NOT NULL,
	"former_search_key" text NOT NULL,
	"former_parent_name" text,
	"former_province_code" text NOT NULL,
	"former_province_name" text NOT NULL,
	"successor_code" text NOT NULL,
	"successor_name" text NOT NULL,
	"successor_level" text NOT NULL,
	"suggested_code" text NOT NULL,
	"suggestion_basis" text NOT NULL,
	"designated" integer DEFAULT 0 NOT NULL,
	"options" jsonb NOT NULL,
	"state" text DEFAULT 'not_started' NOT NULL,
	"shelf_metres" double precision,
	"boxes" integer,
	"files" integer,
	"year_from" integer,
	"year_to" integer,
	"permanent_files" integer,
	"fixed_term_files" integer,
	"handed_over_on" date,
	"record_number" text,
	"signatories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"minutes" jsonb,
	"received_on" date,
	"shortfalls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digitization_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"year" integer NOT NULL,
	"name" text NOT NULL,
	"stage" text DEFAULT 'scanning' NOT NULL,
	"files" integer NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"scanned_on" date,
	"checked_on" date,
	"described_on" date,
	"published_on" date,
	"client_ref" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digitization_descriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"scan_id" uuid,
	"fonds" text NOT NULL,
	"file_code" text NOT NULL,
	"doc_number" text NOT NULL,
	"doc_symbol" text NOT NULL,
	"doc_date" date NOT NULL,
	"issuing_body" text NOT NULL,
	"summary" text NOT NULL,
	"page_count" integer NOT NULL,
	"retention" text NOT NULL,
	"access" text NOT NULL,
	"search_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digitization_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"year" integer NOT NULL,
	"fonds" text NOT NULL,
	"retention" text NOT NULL,
	"planned_files" integer NOT NULL,
	"planned_pages" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digitization_scans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"page_count" integer NOT NULL,
	"parts" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digitization_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"expected_sha256" text,
	"declared_pages" integer,
	"offset" bigint DEFAULT 0 NOT NULL,
	"parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scan_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "archive_handovers_former_uq" ON "archive_handovers" USING btree ("former_level","former_code");--> statement-breakpoint
CREATE INDEX "archive_handovers_place_idx" ON "archive_handovers" USING btree ("province_code","successor_code");--> statement-breakpoint
CREATE INDEX "archive_handovers_state_idx" ON "archive_handovers" USING btree ("province_code","former_level","state");--> statement-breakpoint
CREATE INDEX "digitization_batches_place_idx" ON "digitization_batches" USING btree ("province_code","unit_code","year");--> statement-breakpoint
CREATE INDEX "digitization_batches_plan_idx" ON "digitization_batches" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digitization_batches_client_ref_uq" ON "digitization_batches" USING btree ("unit_code","client_ref");--> statement-breakpoint
CREATE INDEX "digitization_descriptions_batch_idx" ON "digitization_descriptions" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "digitization_descriptions_place_idx" ON "digitization_descriptions" USING btree ("province_code","unit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "digitization_plans_uq" ON "digitization_plans" USING btree ("unit_code","year","fonds","retention");--> statement-breakpoint
CREATE INDEX "digitization_plans_place_idx" ON "digitization_plans" USING btree ("province_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "digitization_scans_sha_uq" ON "digitization_scans" USING btree ("batch_id","sha256");--> statement-breakpoint
CREATE INDEX "digitization_scans_unit_sha_idx" ON "digitization_scans" USING btree ("unit_code","sha256");--> statement-breakpoint
CREATE INDEX "digitization_uploads_batch_idx" ON "digitization_uploads" USING btree ("batch_id");