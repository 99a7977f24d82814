CREATE TABLE "kobo_watermark" (
	"organisation_id" uuid NOT NULL,
	"server" text NOT NULL,
	"asset_uid" text NOT NULL,
	"submitted_at" text NOT NULL,
	"batch_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kobo_watermark_pkey" PRIMARY KEY("organisation_id","server","asset_uid")
);
--> statement-breakpoint
ALTER TABLE "kobo_watermark" ADD CONSTRAINT "kobo_watermark_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;