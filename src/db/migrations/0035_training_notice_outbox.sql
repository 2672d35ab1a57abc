CREATE TABLE "training_notice_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"notices" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "training_notice_outbox_pending_idx" ON "training_notice_outbox" USING btree ("id") WHERE sent_at IS NULL;