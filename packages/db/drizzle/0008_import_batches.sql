CREATE TABLE "import_batch" (
	"organisation_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"source" text DEFAULT 'file' NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"sheet" text,
	"profile" jsonb NOT NULL,
	"status" text DEFAULT 'staged' NOT NULL,
	"counts" jsonb NOT NULL,
	"valid_only" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"committed_by" uuid,
	"undone_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone,
	"undone_at" timestamp with time zone,
	CONSTRAINT "import_batch_pkey" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "import_batch_kind_check" CHECK ("import_batch"."kind" in ('activities', 'attendance', 'incidents', 'targets', 'values')),
	CONSTRAINT "import_batch_status_check" CHECK ("import_batch"."status" in ('staged', 'committed', 'undone'))
);
--> statement-breakpoint
CREATE TABLE "import_record" (
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"entity_version" integer NOT NULL,
	"batch_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_record_pkey" PRIMARY KEY("organisation_id","kind","source","external_id")
);
--> statement-breakpoint
CREATE TABLE "import_row" (
	"organisation_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"external_id" text,
	"hash" text,
	"action" text NOT NULL,
	"cells" jsonb,
	"record" jsonb,
	"issues" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"entity_id" uuid,
	"written_version" integer,
	"before" jsonb,
	CONSTRAINT "import_row_pkey" PRIMARY KEY("organisation_id","batch_id","row_number"),
	CONSTRAINT "import_row_action_check" CHECK ("import_row"."action" in ('create', 'update', 'unchanged', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "import_batch" ADD CONSTRAINT "import_batch_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_record" ADD CONSTRAINT "import_record_batch_fk" FOREIGN KEY ("organisation_id","batch_id") REFERENCES "public"."import_batch"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_row" ADD CONSTRAINT "import_row_batch_fk" FOREIGN KEY ("organisation_id","batch_id") REFERENCES "public"."import_batch"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_batch_org_created_idx" ON "import_batch" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "import_record_org_entity_idx" ON "import_record" USING btree ("organisation_id","entity_id");