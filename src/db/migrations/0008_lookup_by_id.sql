CREATE INDEX "people_id_idx" ON "people" USING btree ("id");--> statement-breakpoint
CREATE INDEX "annual_ratings_id_idx" ON "annual_ratings" USING btree ("id");--> statement-breakpoint
CREATE INDEX "assessment_periods_id_idx" ON "assessment_periods" USING btree ("id");--> statement-breakpoint
CREATE INDEX "assessment_tasks_id_idx" ON "assessment_tasks" USING btree ("id");