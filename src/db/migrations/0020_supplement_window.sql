ALTER TABLE "dossiers" ADD COLUMN "supplement_due_date" date;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "late_supplement_count" integer DEFAULT 0 NOT NULL;