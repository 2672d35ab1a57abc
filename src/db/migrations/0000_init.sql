CREATE TABLE "unit_lineage" (
	"id" serial PRIMARY KEY NOT NULL,
	"new_unit_code" text NOT NULL,
	"new_province_code" text NOT NULL,
	"new_unit_name" text NOT NULL,
	"old_unit_code" text,
	"old_unit_name" text NOT NULL,
	"old_level" text NOT NULL,
	"old_unit_type" text,
	"old_parent_code" text,
	"old_parent_name" text,
	"old_province_code" text,
	"old_province_name" text,
	"relation" text NOT NULL,
	"source_note" text
);
--> statement-breakpoint
CREATE TABLE "unit_pending_amendments" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"province_code" text NOT NULL,
	"type_after" text NOT NULL,
	"full_name_after" text NOT NULL,
	"legal_basis" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_profiles" (
	"code" text PRIMARY KEY NOT NULL,
	"province_code" text NOT NULL,
	"address" text,
	"phone" text,
	"email" text,
	"chair_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unit_versions" (
	"code" text NOT NULL,
	"province_code" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"type" text NOT NULL,
	"full_name" text NOT NULL,
	"legal_basis" text,
	CONSTRAINT "unit_versions_province_code_code_valid_from_pk" PRIMARY KEY("province_code","code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"code" text PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"province_code" text NOT NULL,
	"name" text NOT NULL,
	"search_key" text NOT NULL,
	"area_km2" double precision,
	"population" integer,
	"gis_area_km2" double precision,
	"stats_flags" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"province_code" text,
	"commune_code" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_username" text NOT NULL,
	"ip" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"province_code" text,
	"unit_code" text,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"status" integer NOT NULL,
	"body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_lineage_new_idx" ON "unit_lineage" USING btree ("new_province_code","new_unit_code");--> statement-breakpoint
CREATE INDEX "unit_lineage_old_idx" ON "unit_lineage" USING btree ("old_unit_code");--> statement-breakpoint
CREATE INDEX "units_province_idx" ON "units" USING btree ("province_code","level");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_unit_idx" ON "audit_log" USING btree ("province_code","unit_code","id");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");