CREATE TABLE "investment_project_shares" (
	"project_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"shared_by" uuid,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_project_shares_project_id_organisation_id_pk" PRIMARY KEY("project_id","organisation_id")
);
--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "assistance_request_id" uuid;--> statement-breakpoint
ALTER TABLE "deals" ADD COLUMN "investment_project_id" uuid;--> statement-breakpoint
ALTER TABLE "investment_project_shares" ADD CONSTRAINT "investment_project_shares_project_id_investment_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."investment_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_project_shares" ADD CONSTRAINT "investment_project_shares_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_project_shares" ADD CONSTRAINT "investment_project_shares_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "investment_project_shares_organisation_idx" ON "investment_project_shares" USING btree ("organisation_id");--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_assistance_request_id_assistance_requests_id_fk" FOREIGN KEY ("assistance_request_id") REFERENCES "public"."assistance_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_investment_project_id_investment_projects_id_fk" FOREIGN KEY ("investment_project_id") REFERENCES "public"."investment_projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deals_assistance_request_idx" ON "deals" USING btree ("assistance_request_id");--> statement-breakpoint
CREATE INDEX "deals_investment_project_idx" ON "deals" USING btree ("investment_project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "investment_projects_scap_project_idx" ON "investment_projects" USING btree ("scap_project_id");