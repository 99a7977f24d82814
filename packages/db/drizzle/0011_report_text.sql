CREATE TABLE "report_text" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"period_code" text NOT NULL,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_text_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "report_text_key" UNIQUE("organisation_id","grant_id","period_code","language"),
	CONSTRAINT "report_text_length" CHECK (length("report_text"."text") between 1 and 20000),
	CONSTRAINT "report_text_language" CHECK ("report_text"."language" in ('fr', 'en'))
);
--> statement-breakpoint
ALTER TABLE "report_text" ADD CONSTRAINT "report_text_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_text" ADD CONSTRAINT "report_text_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE cascade ON UPDATE no action;