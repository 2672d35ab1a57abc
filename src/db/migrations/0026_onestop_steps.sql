CREATE TABLE "dossier_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"dossier_id" uuid NOT NULL,
	"step" text NOT NULL,
	"unit_code" text NOT NULL,
	"assignee_username" text,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"actor_username" text,
	"outcome" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "procedure_processes" (
	"province_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"version" integer NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	CONSTRAINT "procedure_processes_province_code_procedure_code_version_pk" PRIMARY KEY("province_code","procedure_code","version")
);
--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "process" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "step" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "assignee_username" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "clock_start_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "missing_papers" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "result_number" text;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "result_date" date;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "result_signer" text;--> statement-breakpoint
CREATE INDEX "dossier_steps_dossier_idx" ON "dossier_steps" USING btree ("province_code","dossier_id","id");--> statement-breakpoint
CREATE INDEX "dossiers_step_idx" ON "dossiers" USING btree ("province_code","handling_unit_code","step") WHERE step IS NOT NULL;--> statement-breakpoint
CREATE INDEX "dossiers_assignee_idx" ON "dossiers" USING btree ("assignee_username") WHERE step IS NOT NULL;