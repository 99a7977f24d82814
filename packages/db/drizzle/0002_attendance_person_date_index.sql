DROP INDEX "attendance_person_idx";--> statement-breakpoint
CREATE INDEX "attendance_person_date_idx" ON "attendance" USING btree ("person_id","date","activity_id");