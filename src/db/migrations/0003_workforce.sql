CREATE TABLE "agencies" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"approved_headcount" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agencies_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"agency_id" uuid,
	"post_id" uuid,
	"kind" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"from_unit_code" text,
	"note" text,
	CONSTRAINT "assignments_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"full_name" text NOT NULL,
	"search_key" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"national_id" text NOT NULL,
	"ethnicity" text DEFAULT 'Kinh' NOT NULL,
	"phone" text,
	"email" text,
	"category" text NOT NULL,
	"education_level" text NOT NULL,
	"education_field" text,
	"political_theory" text DEFAULT 'none' NOT NULL,
	"state_management" text DEFAULT 'none' NOT NULL,
	"it_certificate" text,
	"foreign_language" text,
	"rank_code" text,
	"salary_step" integer,
	"salary_coefficient" double precision,
	"party_join_date" date,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"seats" integer DEFAULT 1 NOT NULL,
	"requirements" jsonb NOT NULL,
	"created_on" date NOT NULL,
	CONSTRAINT "posts_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE INDEX "agencies_unit_idx" ON "agencies" USING btree ("province_code","unit_code");--> statement-breakpoint
CREATE INDEX "assignments_person_idx" ON "assignments" USING btree ("person_id","start_date");--> statement-breakpoint
CREATE INDEX "assignments_unit_idx" ON "assignments" USING btree ("province_code","unit_code","end_date");--> statement-breakpoint
CREATE INDEX "assignments_post_idx" ON "assignments" USING btree ("post_id","end_date");--> statement-breakpoint
CREATE UNIQUE INDEX "people_national_id_idx" ON "people" USING btree ("national_id");--> statement-breakpoint
CREATE INDEX "people_unit_idx" ON "people" USING btree ("province_code","unit_code");--> statement-breakpoint
CREATE INDEX "posts_unit_idx" ON "posts" USING btree ("province_code","unit_code","kind");