CREATE TABLE "adx_mapping" (
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"mapping" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "adx_mapping_pk" PRIMARY KEY("organisation_id","grant_id")
);
--> statement-breakpoint
ALTER TABLE "adx_mapping" ADD CONSTRAINT "adx_mapping_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "adx_mapping" ADD CONSTRAINT "adx_mapping_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE cascade ON UPDATE no action;