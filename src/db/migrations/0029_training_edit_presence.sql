ALTER TABLE "training_events" ADD COLUMN "presence_key" text;--> statement-breakpoint
ALTER TABLE "training_events" ADD COLUMN "updated_at" timestamp with time zone;