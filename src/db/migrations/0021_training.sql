CREATE TABLE "training_attendees" (
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"full_name" text NOT NULL,
	"category" text NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"absence_reason" text,
	"certificate_code" text,
	"registered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "training_attendees_event_id_person_id_pk" PRIMARY KEY("event_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "training_bridges" (
	"event_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"province_code" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"hall" text,
	"officer" text,
	"phone" text,
	"state" text DEFAULT 'silent' NOT NULL,
	"test_result" text,
	"test_note" text,
	"note" text,
	"last_at" timestamp with time zone,
	"connected_at" timestamp with time zone,
	"reconnects" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "training_bridges_event_id_unit_code_pk" PRIMARY KEY("event_id","unit_code")
);
--> statement-breakpoint
CREATE TABLE "training_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"province_code" text,
	"unit_code" text NOT NULL,
	"state" text NOT NULL,
	"passed" boolean,
	"note" text,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"username" text NOT NULL,
	"client_ref" text
);
--> statement-breakpoint
CREATE TABLE "training_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province_code" text,
	"title" text NOT NULL,
	"programme" text,
	"trainers" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"registry_date" date NOT NULL,
	"attend_share" integer DEFAULT 80 NOT NULL,
	"audience" jsonb,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bridges_total" integer NOT NULL,
	"created_by" text NOT NULL,
	"client_ref" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_presence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	"source" text NOT NULL,
	"client_ref" text
);
--> statement-breakpoint
CREATE TABLE "training_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"text" text NOT NULL,
	"asked_by" text NOT NULL,
	"recommendation_id" uuid,
	"client_ref" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "training_attendees_place_idx" ON "training_attendees" USING btree ("event_id","province_code","unit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "training_attendees_certificate_idx" ON "training_attendees" USING btree ("certificate_code");--> statement-breakpoint
CREATE INDEX "training_bridges_place_idx" ON "training_bridges" USING btree ("event_id","province_code","state");--> statement-breakpoint
CREATE INDEX "training_check_ins_bridge_idx" ON "training_check_ins" USING btree ("event_id","unit_code","at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_check_ins_client_ref_idx" ON "training_check_ins" USING btree ("event_id","unit_code","client_ref");--> statement-breakpoint
CREATE INDEX "training_events_starts_idx" ON "training_events" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_events_client_ref_idx" ON "training_events" USING btree ("created_by","client_ref");--> statement-breakpoint
CREATE INDEX "training_presence_person_idx" ON "training_presence" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_presence_client_ref_idx" ON "training_presence" USING btree ("event_id","person_id","client_ref");--> statement-breakpoint
CREATE INDEX "training_questions_event_idx" ON "training_questions" USING btree ("event_id","province_code","unit_code");--> statement-breakpoint
CREATE UNIQUE INDEX "training_questions_client_ref_idx" ON "training_questions" USING btree ("event_id","unit_code","client_ref");