CREATE TABLE "client_request" (
	"organisation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"procedure" text NOT NULL,
	"fingerprint" text NOT NULL,
	"user_id" uuid,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_request_organisation_id_client_id_pk" PRIMARY KEY("organisation_id","client_id")
);
--> statement-breakpoint
CREATE INDEX "client_request_org_created_idx" ON "client_request" USING btree ("organisation_id","created_at");