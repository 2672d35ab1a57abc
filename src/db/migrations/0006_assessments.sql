CREATE TABLE "annual_ratings" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"months_worked" double precision NOT NULL,
	"months_absent" double precision DEFAULT 0 NOT NULL,
	"sanctioned" boolean DEFAULT false NOT NULL,
	"sanction_note" text,
	"average" double precision,
	"periods_scored" integer DEFAULT 0 NOT NULL,
	"scored_band" text,
	"band" text,
	"caps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"not_rated_reason" text,
	"lowered_reason" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"confirmed_by" text,
	"confirmed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "annual_ratings_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_corrections" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"review_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_corrections_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_periods" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"seq" integer NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	CONSTRAINT "assessment_periods_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_reviews" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"period_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"self_general" jsonb,
	"self_comment" text,
	"self_at" timestamp with time zone,
	"head_general" jsonb,
	"head_comment" text,
	"head_by" text,
	"head_at" timestamp with time zone,
	"collective_comment" text,
	"collective_at" timestamp with time zone,
	"organisation_percent" double precision,
	"frozen" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_reviews_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_settings" (
	"province_code" text PRIMARY KEY NOT NULL,
	"overrides" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_tasks" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"period_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"title" text NOT NULL,
	"product_kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"weight" double precision DEFAULT 1 NOT NULL,
	"due_date" date NOT NULL,
	"assigned_by" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"delivered_quantity" integer,
	"delivered_on" date,
	"evidence" text,
	"accepted_quantity" integer,
	"major_errors" integer DEFAULT 0 NOT NULL,
	"delays" integer DEFAULT 0 NOT NULL,
	"exemption" text DEFAULT 'none' NOT NULL,
	"exemption_reason" text,
	"review_note" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"client_ref" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assessment_tasks_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_unit_years" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"year" integer NOT NULL,
	"outstanding" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	CONSTRAINT "assessment_unit_years_province_code_unit_code_year_pk" PRIMARY KEY("province_code","unit_code","year")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "person_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "annual_ratings_person_year_idx" ON "annual_ratings" USING btree ("province_code","person_id","year");--> statement-breakpoint
CREATE INDEX "annual_ratings_unit_idx" ON "annual_ratings" USING btree ("province_code","unit_code","year");--> statement-breakpoint
CREATE INDEX "assessment_corrections_review_idx" ON "assessment_corrections" USING btree ("province_code","review_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_periods_unit_idx" ON "assessment_periods" USING btree ("province_code","unit_code","year","kind","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_reviews_period_person_idx" ON "assessment_reviews" USING btree ("province_code","period_id","person_id");--> statement-breakpoint
CREATE INDEX "assessment_reviews_person_idx" ON "assessment_reviews" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "assessment_tasks_person_idx" ON "assessment_tasks" USING btree ("person_id","due_date");--> statement-breakpoint
CREATE INDEX "assessment_tasks_period_idx" ON "assessment_tasks" USING btree ("province_code","period_id","person_id");