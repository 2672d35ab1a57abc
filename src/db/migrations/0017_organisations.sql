CREATE TABLE "org_plan_units" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"province_code" text,
	"side" text NOT NULL,
	"org_unit_id" uuid,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text,
	"unit_code" text,
	"ministry" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"decision_number" text,
	"decision_date" date,
	"target_date" date NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"staff_moved" integer DEFAULT 0 NOT NULL,
	"new_owner" text,
	"done_on" date,
	"note" text,
	"client_ref" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"province_code" text,
	"unit_code" text,
	"ministry" text,
	"name" text NOT NULL,
	"search_key" text NOT NULL,
	"field" text,
	"autonomy" integer,
	"staff" integer,
	"budget_vnd" bigint,
	"owner_agency" text,
	"charter_capital_vnd" bigint,
	"employees" integer,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"made_by_plan" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "org_plan_units_plan_idx" ON "org_plan_units" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "org_plan_units_unit_idx" ON "org_plan_units" USING btree ("org_unit_id");--> statement-breakpoint
CREATE INDEX "org_plans_place_idx" ON "org_plans" USING btree ("province_code","state");--> statement-breakpoint
CREATE UNIQUE INDEX "org_plans_client_ref_uq" ON "org_plans" USING btree ("created_by","client_ref");--> statement-breakpoint
CREATE INDEX "org_units_place_idx" ON "org_units" USING btree ("province_code","unit_code");--> statement-breakpoint
CREATE INDEX "org_units_ministry_idx" ON "org_units" USING btree ("ministry");