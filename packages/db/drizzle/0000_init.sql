CREATE TABLE "organisation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"country" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_code_key" UNIQUE("code"),
	CONSTRAINT "organisation_self_tenant" CHECK ("organisation"."organisation_id" = "organisation"."id"),
	CONSTRAINT "organisation_kind_check" CHECK ("organisation"."kind" in ('regional-body', 'national-network', 'member-organisation'))
);
--> statement-breakpoint
CREATE TABLE "place" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "place_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "place_level_check" CHECK ("place"."level" in ('country', 'region', 'cercle', 'commune', 'locality'))
);
--> statement-breakpoint
CREATE TABLE "programme" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "programme_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"type" text NOT NULL,
	"role" text DEFAULT 'organiser' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"sessions" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "activity_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "activity_dates_in_order" CHECK ("activity"."end_date" >= "activity"."start_date"),
	CONSTRAINT "activity_sessions_positive" CHECK ("activity"."sessions" >= 1),
	CONSTRAINT "activity_type_check" CHECK ("activity"."type" in ('training', 'workshop', 'webinar', 'dialogue', 'awareness', 'lobbying', 'meeting', 'research', 'conference', 'ceremony')),
	CONSTRAINT "activity_role_check" CHECK ("activity"."role" in ('organiser', 'co-organiser', 'participant'))
);
--> statement-breakpoint
CREATE TABLE "activity_place" (
	"organisation_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	CONSTRAINT "activity_place_pk" PRIMARY KEY("activity_id","place_id")
);
--> statement-breakpoint
CREATE TABLE "participation_cell" (
	"organisation_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"cell_key" text NOT NULL,
	"dims" jsonb NOT NULL,
	"value" integer NOT NULL,
	"qualifier" text DEFAULT 'exact' NOT NULL,
	CONSTRAINT "participation_cell_pk" PRIMARY KEY("activity_id","cell_key"),
	CONSTRAINT "participation_cell_value_nonnegative" CHECK ("participation_cell"."value" >= 0),
	CONSTRAINT "participation_cell_key_not_empty" CHECK ("participation_cell"."cell_key" <> ''),
	CONSTRAINT "participation_cell_qualifier_check" CHECK ("participation_cell"."qualifier" in ('exact', 'approximate', 'at-least'))
);
--> statement-breakpoint
CREATE TABLE "participation_count" (
	"organisation_id" uuid NOT NULL,
	"activity_id" uuid PRIMARY KEY NOT NULL,
	"total" integer,
	"total_qualifier" text DEFAULT 'exact' NOT NULL,
	"note" text,
	CONSTRAINT "participation_count_total_nonnegative" CHECK ("participation_count"."total" >= 0),
	CONSTRAINT "participation_count_qualifier_check" CHECK ("participation_count"."total_qualifier" in ('exact', 'approximate', 'at-least'))
);
--> statement-breakpoint
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_parent_fk" FOREIGN KEY ("organisation_id","parent_id") REFERENCES "public"."place"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme" ADD CONSTRAINT "programme_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_programme_fk" FOREIGN KEY ("organisation_id","programme_id") REFERENCES "public"."programme"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_place" ADD CONSTRAINT "activity_place_activity_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activity"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_place" ADD CONSTRAINT "activity_place_place_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."place"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_cell" ADD CONSTRAINT "participation_cell_count_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."participation_count"("activity_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_cell" ADD CONSTRAINT "participation_cell_activity_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activity"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_count" ADD CONSTRAINT "participation_count_activity_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activity"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_org_start_idx" ON "activity" USING btree ("organisation_id","start_date");--> statement-breakpoint
CREATE INDEX "activity_programme_idx" ON "activity" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "activity_place_place_idx" ON "activity_place" USING btree ("place_id");