ALTER TABLE "indicator_comment" DROP CONSTRAINT "indicator_comment_key";--> statement-breakpoint
ALTER TABLE "programme" ADD COLUMN "since_year" integer;--> statement-breakpoint
ALTER TABLE "programme" ADD COLUMN "countries" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_comment" ADD COLUMN "language" text DEFAULT 'fr' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_comment" ADD CONSTRAINT "indicator_comment_key" UNIQUE("grant_id","indicator_id","period_code","language");--> statement-breakpoint
ALTER TABLE "programme" ADD CONSTRAINT "programme_since_year" CHECK ("programme"."since_year" is null or "programme"."since_year" between 1900 and 2200);--> statement-breakpoint
ALTER TABLE "indicator_comment" ADD CONSTRAINT "indicator_comment_language" CHECK ("indicator_comment"."language" in ('fr', 'en'));