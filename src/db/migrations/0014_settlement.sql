CREATE TABLE "settlement_cases" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"agency_kind" text NOT NULL,
	"code" text NOT NULL,
	"person_id" uuid,
	"full_name" text NOT NULL,
	"birth_date" date,
	"sex" text,
	"category" text NOT NULL,
	"group" text NOT NULL,
	"regime" text NOT NULL,
	"coefficient" double precision,
	"leadership_coefficient" double precision,
	"allowances" jsonb,
	"monthly_salary" bigint,
	"si_years" integer NOT NULL,
	"si_months" integer NOT NULL,
	"retirement_date" date,
	"maternity_or_young_child" boolean DEFAULT false NOT NULL,
	"volunteers" boolean DEFAULT false NOT NULL,
	"under_discipline" boolean DEFAULT false NOT NULL,
	"last_three_years" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"restructuring_decision_no" text NOT NULL,
	"restructuring_decision_date" date NOT NULL,
	"leave_date" date NOT NULL,
	"corrections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text NOT NULL,
	"leaving_decision_no" text,
	"leaving_decision_date" date,
	"paid_on" date,
	"paid_amount" bigint,
	"refusal_reason" text,
	"approved_by" text,
	"benefit" jsonb NOT NULL,
	"benefit_total" bigint NOT NULL,
	"rule_version" text NOT NULL,
	"override_amount" bigint,
	"override_reason" text,
	"override_by" text,
	"override_at" timestamp with time zone,
	"client_ref" text,
	"search_key" text NOT NULL,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "settlement_cases_province_code_id_pk" PRIMARY KEY("province_code","id")
);
--> statement-breakpoint
CREATE TABLE "settlement_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_username" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "settlement_sequences" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "settlement_sequences_province_code_unit_code_pk" PRIMARY KEY("province_code","unit_code")
);
--> statement-breakpoint
CREATE TABLE "settlement_settings" (
	"province_code" text PRIMARY KEY DEFAULT '' NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "settlement_cases_id_idx" ON "settlement_cases" USING btree ("id");--> statement-breakpoint
CREATE INDEX "settlement_cases_unit_idx" ON "settlement_cases" USING btree ("province_code","unit_code","status");--> statement-breakpoint
CREATE INDEX "settlement_cases_status_idx" ON "settlement_cases" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_cases_client_ref_idx" ON "settlement_cases" USING btree ("province_code","unit_code","client_ref") WHERE client_ref IS NOT NULL;--> statement-breakpoint
CREATE INDEX "settlement_events_case_idx" ON "settlement_events" USING btree ("province_code","case_id","id");