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
CREATE TABLE "app_user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"locale" text DEFAULT 'fr' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "app_user_email_key" UNIQUE("email"),
	CONSTRAINT "app_user_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "app_user_email_lowercase" CHECK ("app_user"."email" = lower("app_user"."email")),
	CONSTRAINT "app_user_locale_check" CHECK ("app_user"."locale" in ('fr', 'en'))
);
--> statement-breakpoint
CREATE TABLE "membership" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_org_user_key" UNIQUE("organisation_id","user_id"),
	CONSTRAINT "membership_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "membership_role_check" CHECK ("membership"."role" in ('network-admin', 'me-officer', 'programme-officer', 'manager', 'donor-viewer'))
);
--> statement-breakpoint
CREATE TABLE "membership_scope" (
	"organisation_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"scope_kind" text NOT NULL,
	"scope_id" uuid NOT NULL,
	CONSTRAINT "membership_scope_pk" PRIMARY KEY("membership_id","scope_kind","scope_id"),
	CONSTRAINT "membership_scope_kind_check" CHECK ("membership_scope"."scope_kind" in ('programme', 'grant'))
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "place" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"parent_id" uuid,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"path" text NOT NULL,
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
CREATE TABLE "donor" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"iati_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "donor_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "donor_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "grant_agreement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"donor_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"currency" text DEFAULT 'XOF' NOT NULL,
	"amount" numeric(16, 2),
	"fiscal_year_start_month" integer DEFAULT 1 NOT NULL,
	"report_template" text DEFAULT 'generic' NOT NULL,
	"iati_identifier" text,
	"donor_reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "grant_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "grant_dates_in_order" CHECK ("grant_agreement"."end_date" >= "grant_agreement"."start_date"),
	CONSTRAINT "grant_fiscal_start_month" CHECK ("grant_agreement"."fiscal_year_start_month" between 1 and 12),
	CONSTRAINT "grant_currency_iso" CHECK ("grant_agreement"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "grant_amount_nonnegative" CHECK ("grant_agreement"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "grant_programme" (
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	CONSTRAINT "grant_programme_pk" PRIMARY KEY("grant_id","programme_id")
);
--> statement-breakpoint
CREATE TABLE "result_node" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"parent_id" uuid,
	"level" text NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"assumptions" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "result_node_grant_code_key" UNIQUE("grant_id","code"),
	CONSTRAINT "result_node_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "result_node_level_check" CHECK ("result_node"."level" in ('impact', 'outcome', 'output'))
);
--> statement-breakpoint
CREATE TABLE "baseline" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"cell_key" text DEFAULT '' NOT NULL,
	"value" numeric NOT NULL,
	"year" integer NOT NULL,
	"date" date,
	"note" text,
	CONSTRAINT "baseline_indicator_cell_key" UNIQUE("indicator_id","cell_key"),
	CONSTRAINT "baseline_year_range" CHECK ("baseline"."year" between 1990 and 2100)
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"result_node_id" uuid,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"description" text,
	"unit" text DEFAULT 'number' NOT NULL,
	"direction" text DEFAULT 'higher-is-better' NOT NULL,
	"time_rule" text DEFAULT 'sum' NOT NULL,
	"cumulative" boolean DEFAULT false NOT NULL,
	"source_kind" text NOT NULL,
	"source" jsonb NOT NULL,
	"dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_of_verification" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "indicator_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "indicator_unit_check" CHECK ("indicator"."unit" in ('number', 'percent', 'score')),
	CONSTRAINT "indicator_direction_check" CHECK ("indicator"."direction" in ('higher-is-better', 'lower-is-better')),
	CONSTRAINT "indicator_time_rule_check" CHECK ("indicator"."time_rule" in ('sum', 'latest', 'max', 'average', 'ratio')),
	CONSTRAINT "indicator_source_kind_check" CHECK ("indicator"."source_kind" in ('activities', 'participation', 'incidents', 'deliverables', 'manual', 'assessment', 'formula'))
);
--> statement-breakpoint
CREATE TABLE "target" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period_code" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"cell_key" text DEFAULT '' NOT NULL,
	"value" numeric NOT NULL,
	"life_of_grant" boolean DEFAULT false NOT NULL,
	CONSTRAINT "target_indicator_period_cell_key" UNIQUE("indicator_id","period_code","cell_key"),
	CONSTRAINT "target_period_in_order" CHECK ("target"."period_end" >= "target"."period_start")
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
	"start_month" integer GENERATED ALWAYS AS ((extract(year from "start_date")::int * 100 + extract(month from "start_date")::int)) STORED,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "activity_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "activity_dates_in_order" CHECK ("activity"."end_date" >= "activity"."start_date"),
	CONSTRAINT "activity_sessions_positive" CHECK ("activity"."sessions" >= 1),
	CONSTRAINT "activity_type_check" CHECK ("activity"."type" in ('training', 'workshop', 'webinar', 'dialogue', 'awareness', 'lobbying', 'meeting', 'research', 'conference', 'ceremony')),
	CONSTRAINT "activity_role_check" CHECK ("activity"."role" in ('organiser', 'co-organiser', 'participant')),
	CONSTRAINT "activity_status_check" CHECK ("activity"."status" in ('draft', 'submitted', 'validated'))
);
--> statement-breakpoint
CREATE TABLE "activity_grant" (
	"organisation_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	CONSTRAINT "activity_grant_pk" PRIMARY KEY("activity_id","grant_id")
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
CREATE TABLE "attendance" (
	"organisation_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"date" date NOT NULL,
	"month" integer GENERATED ALWAYS AS ((extract(year from "date")::int * 100 + extract(month from "date")::int)) STORED,
	"sex" text,
	"age_group" text,
	"disability" text,
	"category" text,
	"extra" jsonb,
	CONSTRAINT "attendance_pk" PRIMARY KEY("activity_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"display_name" text,
	"sex" text,
	"birth_year" integer,
	"disability" boolean,
	"category" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "person_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "person_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "person_birth_year_range" CHECK ("person"."birth_year" is null or "person"."birth_year" between 1900 and 2100)
);
--> statement-breakpoint
CREATE TABLE "incident" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"programme_id" uuid,
	"code" text NOT NULL,
	"date" date NOT NULL,
	"month" integer GENERATED ALWAYS AS ((extract(year from "date")::int * 100 + extract(month from "date")::int)) STORED,
	"place_id" uuid,
	"category" text NOT NULL,
	"deaths" integer DEFAULT 0 NOT NULL,
	"injuries" integer DEFAULT 0 NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "incident_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "incident_deaths_nonnegative" CHECK ("incident"."deaths" >= 0),
	CONSTRAINT "incident_injuries_nonnegative" CHECK ("incident"."injuries" >= 0),
	CONSTRAINT "incident_category_check" CHECK ("incident"."category" in ('organised-crime-violent-extremism', 'democracy-governance', 'women-peace-security', 'environmental-security'))
);
--> statement-breakpoint
CREATE TABLE "deliverable" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"grant_id" uuid,
	"code" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliverable_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "deliverable_type_check" CHECK ("deliverable"."type" in ('weekly-report', 'monthly-bulletin', 'monthly-report', 'bimonthly-note', 'policy-brief', 'study', 'quarterly-report', 'other'))
);
--> statement-breakpoint
CREATE TABLE "manual_value" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period_code" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"cell_key" text DEFAULT '' NOT NULL,
	"value" numeric NOT NULL,
	"qualifier" text DEFAULT 'exact' NOT NULL,
	"numerator" numeric,
	"denominator" numeric,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manual_value_indicator_period_cell_key" UNIQUE("indicator_id","period_code","cell_key"),
	CONSTRAINT "manual_value_period_in_order" CHECK ("manual_value"."period_end" >= "manual_value"."period_start"),
	CONSTRAINT "manual_value_status_check" CHECK ("manual_value"."status" in ('draft', 'submitted', 'validated')),
	CONSTRAINT "manual_value_qualifier_check" CHECK ("manual_value"."qualifier" in ('exact', 'approximate', 'at-least')),
	CONSTRAINT "manual_value_denominator_positive" CHECK ("manual_value"."denominator" is null or "manual_value"."denominator" > 0)
);
--> statement-breakpoint
CREATE TABLE "assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"subject_code" text NOT NULL,
	"subject_name" text NOT NULL,
	"cycle" integer NOT NULL,
	"assessed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_subject_cycle_key" UNIQUE("framework_id","subject_code","cycle"),
	CONSTRAINT "assessment_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "assessment_criterion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"domain_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"weight" numeric DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "assessment_criterion_domain_code_key" UNIQUE("domain_id","code"),
	CONSTRAINT "assessment_criterion_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "assessment_criterion_weight_positive" CHECK ("assessment_criterion"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "assessment_domain" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"weight" numeric NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "assessment_domain_framework_code_key" UNIQUE("framework_id","code"),
	CONSTRAINT "assessment_domain_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "assessment_domain_weight_positive" CHECK ("assessment_domain"."weight" > 0)
);
--> statement-breakpoint
CREATE TABLE "assessment_framework" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"scale_min" integer DEFAULT 1 NOT NULL,
	"scale_max" integer DEFAULT 4 NOT NULL,
	"missing_rule" text DEFAULT 'exclude' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessment_framework_org_code_key" UNIQUE("organisation_id","code"),
	CONSTRAINT "assessment_framework_org_id_key" UNIQUE("organisation_id","id"),
	CONSTRAINT "assessment_framework_scale" CHECK ("assessment_framework"."scale_max" > "assessment_framework"."scale_min"),
	CONSTRAINT "assessment_framework_missing_rule" CHECK ("assessment_framework"."missing_rule" in ('exclude', 'lowest', 'fail'))
);
--> statement-breakpoint
CREATE TABLE "assessment_score" (
	"organisation_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" numeric NOT NULL,
	"comment" text,
	CONSTRAINT "assessment_score_key" UNIQUE("assessment_id","criterion_id"),
	CONSTRAINT "assessment_score_nonnegative" CHECK ("assessment_score"."score" >= 0)
);
--> statement-breakpoint
CREATE TABLE "period_lock" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"period_code" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"report_snapshot_id" uuid,
	"locked_by" uuid,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "period_lock_grant_period_key" UNIQUE("grant_id","period_code"),
	CONSTRAINT "period_lock_in_order" CHECK ("period_lock"."period_end" >= "period_lock"."period_start")
);
--> statement-breakpoint
CREATE TABLE "report_snapshot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"period_code" text NOT NULL,
	"template" text NOT NULL,
	"template_version" text NOT NULL,
	"model" jsonb NOT NULL,
	"sha256" text NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_snapshot_org_id_key" UNIQUE("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_scope" ADD CONSTRAINT "membership_scope_membership_fk" FOREIGN KEY ("organisation_id","membership_id") REFERENCES "public"."membership"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_parent_fk" FOREIGN KEY ("organisation_id","parent_id") REFERENCES "public"."place"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme" ADD CONSTRAINT "programme_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donor" ADD CONSTRAINT "donor_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_agreement" ADD CONSTRAINT "grant_agreement_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_agreement" ADD CONSTRAINT "grant_donor_fk" FOREIGN KEY ("organisation_id","donor_id") REFERENCES "public"."donor"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_programme" ADD CONSTRAINT "grant_programme_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_programme" ADD CONSTRAINT "grant_programme_programme_fk" FOREIGN KEY ("organisation_id","programme_id") REFERENCES "public"."programme"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_node" ADD CONSTRAINT "result_node_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_node" ADD CONSTRAINT "result_node_parent_fk" FOREIGN KEY ("organisation_id","parent_id") REFERENCES "public"."result_node"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "baseline" ADD CONSTRAINT "baseline_indicator_fk" FOREIGN KEY ("organisation_id","indicator_id") REFERENCES "public"."indicator"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_result_node_fk" FOREIGN KEY ("organisation_id","result_node_id") REFERENCES "public"."result_node"("organisation_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target" ADD CONSTRAINT "target_indicator_fk" FOREIGN KEY ("organisation_id","indicator_id") REFERENCES "public"."indicator"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_programme_fk" FOREIGN KEY ("organisation_id","programme_id") REFERENCES "public"."programme"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_grant" ADD CONSTRAINT "activity_grant_activity_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activity"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_grant" ADD CONSTRAINT "activity_grant_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_place" ADD CONSTRAINT "activity_place_activity_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activity"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_place" ADD CONSTRAINT "activity_place_place_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."place"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_cell" ADD CONSTRAINT "participation_cell_count_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."participation_count"("activity_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_cell" ADD CONSTRAINT "participation_cell_activity_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activity"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participation_count" ADD CONSTRAINT "participation_count_activity_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activity"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_activity_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activity"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_person_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."person"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident" ADD CONSTRAINT "incident_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident" ADD CONSTRAINT "incident_place_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."place"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident" ADD CONSTRAINT "incident_programme_fk" FOREIGN KEY ("organisation_id","programme_id") REFERENCES "public"."programme"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable" ADD CONSTRAINT "deliverable_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable" ADD CONSTRAINT "deliverable_programme_fk" FOREIGN KEY ("organisation_id","programme_id") REFERENCES "public"."programme"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliverable" ADD CONSTRAINT "deliverable_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_value" ADD CONSTRAINT "manual_value_indicator_fk" FOREIGN KEY ("organisation_id","indicator_id") REFERENCES "public"."indicator"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_framework_fk" FOREIGN KEY ("organisation_id","framework_id") REFERENCES "public"."assessment_framework"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_criterion" ADD CONSTRAINT "assessment_criterion_domain_fk" FOREIGN KEY ("organisation_id","domain_id") REFERENCES "public"."assessment_domain"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_domain" ADD CONSTRAINT "assessment_domain_framework_fk" FOREIGN KEY ("organisation_id","framework_id") REFERENCES "public"."assessment_framework"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_framework" ADD CONSTRAINT "assessment_framework_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score" ADD CONSTRAINT "assessment_score_assessment_fk" FOREIGN KEY ("organisation_id","assessment_id") REFERENCES "public"."assessment"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_score" ADD CONSTRAINT "assessment_score_criterion_fk" FOREIGN KEY ("organisation_id","criterion_id") REFERENCES "public"."assessment_criterion"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_lock" ADD CONSTRAINT "period_lock_locked_by_app_user_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_lock" ADD CONSTRAINT "period_lock_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_lock" ADD CONSTRAINT "period_lock_snapshot_fk" FOREIGN KEY ("organisation_id","report_snapshot_id") REFERENCES "public"."report_snapshot"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshot" ADD CONSTRAINT "report_snapshot_submitted_by_app_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_snapshot" ADD CONSTRAINT "report_snapshot_grant_fk" FOREIGN KEY ("organisation_id","grant_id") REFERENCES "public"."grant_agreement"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "place_org_path_idx" ON "place" USING btree ("organisation_id","path");--> statement-breakpoint
CREATE INDEX "activity_org_month_idx" ON "activity" USING btree ("organisation_id","start_month");--> statement-breakpoint
CREATE INDEX "activity_org_start_idx" ON "activity" USING btree ("organisation_id","start_date");--> statement-breakpoint
CREATE INDEX "activity_programme_idx" ON "activity" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "activity_grant_grant_idx" ON "activity_grant" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "activity_place_place_idx" ON "activity_place" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "attendance_org_month_idx" ON "attendance" USING btree ("organisation_id","month");--> statement-breakpoint
CREATE INDEX "attendance_person_idx" ON "attendance" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "incident_org_month_idx" ON "incident" USING btree ("organisation_id","month");--> statement-breakpoint
CREATE INDEX "deliverable_org_date_idx" ON "deliverable" USING btree ("organisation_id","date");--> statement-breakpoint
CREATE INDEX "audit_log_org_entity_idx" ON "audit_log" USING btree ("organisation_id","entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_org_at_idx" ON "audit_log" USING btree ("organisation_id","at");