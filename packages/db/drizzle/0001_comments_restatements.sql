CREATE TABLE "indicator_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period_code" text NOT NULL,
	"comment" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_comment_key" UNIQUE("grant_id","indicator_id","period_code"),
	CONSTRAINT "indicator_comment_length" CHECK (length("indicator_comment"."comment") between 1 and 4000)
);
--> statement-breakpoint
CREATE TABLE "restatement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"period_code" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"reason" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restatement_reason_length" CHECK (length(trim("restatement"."reason")) >= 5)
);
--> statement-breakpoint
ALTER TABLE "grant_agreement" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "grant_agreement" ADD COLUMN "business_unit" text;--> statement-breakpoint
ALTER TABLE "grant_agreement" ADD COLUMN "project_id" text;--> statement-breakpoint
ALTER TABLE "indicator_comment" ADD CONSTRAINT "indicator_comment_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_comment" ADD CONSTRAINT "indicator_comment_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_comment" ADD CONSTRAINT "indicator_comment_indicator_fk" FOREIGN KEY ("organisation_id","indicator_id") REFERENCES "public"."indicator"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restatement" ADD CONSTRAINT "restatement_recorded_by_app_user_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restatement" ADD CONSTRAINT "restatement_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE no action ON UPDATE no action;