-- Citus-ready keys: every primary key, unique key and foreign key between tenant tables holds
-- organisation_id, the distribution column (see packages/api/src/citus-ready.test.ts). The
-- (organisation_id, id) unique keys stay: the composite foreign keys are bound to them.
ALTER TABLE "participation_cell" DROP CONSTRAINT "participation_cell_count_fk";--> statement-breakpoint
ALTER TABLE "activity" DROP CONSTRAINT "activity_pkey";--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "assessment" DROP CONSTRAINT "assessment_pkey";--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "assessment_criterion" DROP CONSTRAINT "assessment_criterion_pkey";--> statement-breakpoint
ALTER TABLE "assessment_criterion" ADD CONSTRAINT "assessment_criterion_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "assessment_domain" DROP CONSTRAINT "assessment_domain_pkey";--> statement-breakpoint
ALTER TABLE "assessment_domain" ADD CONSTRAINT "assessment_domain_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "assessment_framework" DROP CONSTRAINT "assessment_framework_pkey";--> statement-breakpoint
ALTER TABLE "assessment_framework" ADD CONSTRAINT "assessment_framework_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_pkey";--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "baseline" DROP CONSTRAINT "baseline_pkey";--> statement-breakpoint
ALTER TABLE "baseline" ADD CONSTRAINT "baseline_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "deliverable" DROP CONSTRAINT "deliverable_pkey";--> statement-breakpoint
ALTER TABLE "deliverable" ADD CONSTRAINT "deliverable_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "donor" DROP CONSTRAINT "donor_pkey";--> statement-breakpoint
ALTER TABLE "donor" ADD CONSTRAINT "donor_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "grant_agreement" DROP CONSTRAINT "grant_agreement_pkey";--> statement-breakpoint
ALTER TABLE "grant_agreement" ADD CONSTRAINT "grant_agreement_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "incident" DROP CONSTRAINT "incident_pkey";--> statement-breakpoint
ALTER TABLE "incident" ADD CONSTRAINT "incident_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "indicator" DROP CONSTRAINT "indicator_pkey";--> statement-breakpoint
ALTER TABLE "indicator" ADD CONSTRAINT "indicator_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "indicator_comment" DROP CONSTRAINT "indicator_comment_pkey";--> statement-breakpoint
ALTER TABLE "indicator_comment" ADD CONSTRAINT "indicator_comment_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "manual_value" DROP CONSTRAINT "manual_value_pkey";--> statement-breakpoint
ALTER TABLE "manual_value" ADD CONSTRAINT "manual_value_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "membership" DROP CONSTRAINT "membership_pkey";--> statement-breakpoint
ALTER TABLE "membership" ADD CONSTRAINT "membership_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "period_lock" DROP CONSTRAINT "period_lock_pkey";--> statement-breakpoint
ALTER TABLE "period_lock" ADD CONSTRAINT "period_lock_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "person" DROP CONSTRAINT "person_pkey";--> statement-breakpoint
ALTER TABLE "person" ADD CONSTRAINT "person_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "place" DROP CONSTRAINT "place_pkey";--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "programme" DROP CONSTRAINT "programme_pkey";--> statement-breakpoint
ALTER TABLE "programme" ADD CONSTRAINT "programme_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "report_snapshot" DROP CONSTRAINT "report_snapshot_pkey";--> statement-breakpoint
ALTER TABLE "report_snapshot" ADD CONSTRAINT "report_snapshot_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "restatement" DROP CONSTRAINT "restatement_pkey";--> statement-breakpoint
ALTER TABLE "restatement" ADD CONSTRAINT "restatement_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "result_node" DROP CONSTRAINT "result_node_pkey";--> statement-breakpoint
ALTER TABLE "result_node" ADD CONSTRAINT "result_node_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "target" DROP CONSTRAINT "target_pkey";--> statement-breakpoint
ALTER TABLE "target" ADD CONSTRAINT "target_pkey" PRIMARY KEY("organisation_id","id");--> statement-breakpoint
ALTER TABLE "participation_count" DROP CONSTRAINT "participation_count_pkey";--> statement-breakpoint
ALTER TABLE "participation_count" ADD CONSTRAINT "participation_count_pkey" PRIMARY KEY("organisation_id","activity_id");--> statement-breakpoint
ALTER TABLE "activity_grant" DROP CONSTRAINT "activity_grant_pk";--> statement-breakpoint
ALTER TABLE "activity_grant" ADD CONSTRAINT "activity_grant_pk" PRIMARY KEY("organisation_id","activity_id","grant_id");--> statement-breakpoint
ALTER TABLE "activity_place" DROP CONSTRAINT "activity_place_pk";--> statement-breakpoint
ALTER TABLE "activity_place" ADD CONSTRAINT "activity_place_pk" PRIMARY KEY("organisation_id","activity_id","place_id");--> statement-breakpoint
ALTER TABLE "attendance" DROP CONSTRAINT "attendance_pk";--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_pk" PRIMARY KEY("organisation_id","activity_id","person_id");--> statement-breakpoint
ALTER TABLE "grant_programme" DROP CONSTRAINT "grant_programme_pk";--> statement-breakpoint
ALTER TABLE "grant_programme" ADD CONSTRAINT "grant_programme_pk" PRIMARY KEY("organisation_id","grant_id","programme_id");--> statement-breakpoint
ALTER TABLE "membership_scope" DROP CONSTRAINT "membership_scope_pk";--> statement-breakpoint
ALTER TABLE "membership_scope" ADD CONSTRAINT "membership_scope_pk" PRIMARY KEY("organisation_id","membership_id","scope_kind","scope_id");--> statement-breakpoint
ALTER TABLE "participation_cell" DROP CONSTRAINT "participation_cell_pk";--> statement-breakpoint
ALTER TABLE "participation_cell" ADD CONSTRAINT "participation_cell_pk" PRIMARY KEY("organisation_id","activity_id","cell_key");--> statement-breakpoint
ALTER TABLE "participation_cell" ADD CONSTRAINT "participation_cell_count_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."participation_count"("organisation_id","activity_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_node" DROP CONSTRAINT "result_node_grant_code_key";--> statement-breakpoint
ALTER TABLE "result_node" ADD CONSTRAINT "result_node_grant_code_key" UNIQUE("organisation_id","grant_id","code");--> statement-breakpoint
ALTER TABLE "baseline" DROP CONSTRAINT "baseline_indicator_cell_key";--> statement-breakpoint
ALTER TABLE "baseline" ADD CONSTRAINT "baseline_indicator_cell_key" UNIQUE("organisation_id","indicator_id","cell_key");--> statement-breakpoint
ALTER TABLE "target" DROP CONSTRAINT "target_indicator_period_cell_key";--> statement-breakpoint
ALTER TABLE "target" ADD CONSTRAINT "target_indicator_period_cell_key" UNIQUE("organisation_id","indicator_id","period_code","cell_key");--> statement-breakpoint
ALTER TABLE "manual_value" DROP CONSTRAINT "manual_value_indicator_period_cell_key";--> statement-breakpoint
ALTER TABLE "manual_value" ADD CONSTRAINT "manual_value_indicator_period_cell_key" UNIQUE("organisation_id","indicator_id","period_code","cell_key");--> statement-breakpoint
ALTER TABLE "assessment" DROP CONSTRAINT "assessment_subject_cycle_key";--> statement-breakpoint
ALTER TABLE "assessment" ADD CONSTRAINT "assessment_subject_cycle_key" UNIQUE("organisation_id","framework_id","subject_code","cycle");--> statement-breakpoint
ALTER TABLE "assessment_criterion" DROP CONSTRAINT "assessment_criterion_domain_code_key";--> statement-breakpoint
ALTER TABLE "assessment_criterion" ADD CONSTRAINT "assessment_criterion_domain_code_key" UNIQUE("organisation_id","domain_id","code");--> statement-breakpoint
ALTER TABLE "assessment_domain" DROP CONSTRAINT "assessment_domain_framework_code_key";--> statement-breakpoint
ALTER TABLE "assessment_domain" ADD CONSTRAINT "assessment_domain_framework_code_key" UNIQUE("organisation_id","framework_id","code");--> statement-breakpoint
ALTER TABLE "assessment_score" DROP CONSTRAINT "assessment_score_key";--> statement-breakpoint
ALTER TABLE "assessment_score" ADD CONSTRAINT "assessment_score_key" UNIQUE("organisation_id","assessment_id","criterion_id");--> statement-breakpoint
ALTER TABLE "indicator_comment" DROP CONSTRAINT "indicator_comment_key";--> statement-breakpoint
ALTER TABLE "indicator_comment" ADD CONSTRAINT "indicator_comment_key" UNIQUE("organisation_id","grant_id","indicator_id","period_code","language");--> statement-breakpoint
ALTER TABLE "period_lock" DROP CONSTRAINT "period_lock_grant_period_key";--> statement-breakpoint
ALTER TABLE "period_lock" ADD CONSTRAINT "period_lock_grant_period_key" UNIQUE("organisation_id","grant_id","period_code");
