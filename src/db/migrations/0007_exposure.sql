CREATE TABLE "asset_components" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"asset_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"kind" text NOT NULL,
	"vendor" text DEFAULT '' NOT NULL,
	"product" text DEFAULT '' NOT NULL,
	"version" text DEFAULT '' NOT NULL,
	"cpes" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" text NOT NULL,
	"name" text NOT NULL,
	"system" text NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"owner_department" text DEFAULT '' NOT NULL,
	"criticality" text DEFAULT 'medium' NOT NULL,
	"internet_exposed" boolean DEFAULT false NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epss_scores" (
	"cve_id" text PRIMARY KEY NOT NULL,
	"epss" double precision NOT NULL,
	"percentile" double precision NOT NULL,
	"model_version" text DEFAULT '' NOT NULL,
	"score_date" date,
	"import_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exposure_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"exposure_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exposure_snapshots" (
	"city_id" text NOT NULL,
	"day" date NOT NULL,
	"open" integer DEFAULT 0 NOT NULL,
	"kev" integer DEFAULT 0 NOT NULL,
	"critical" integer DEFAULT 0 NOT NULL,
	"high" integer DEFAULT 0 NOT NULL,
	"medium" integer DEFAULT 0 NOT NULL,
	"low" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "exposure_snapshots_city_id_day_pk" PRIMARY KEY("city_id","day")
);
--> statement-breakpoint
CREATE TABLE "exposures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"city_id" text NOT NULL,
	"asset_id" uuid NOT NULL,
	"vulnerability_id" text NOT NULL,
	"source" text NOT NULL,
	"match_status" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"evidence_fingerprint" text NOT NULL,
	"kev" boolean DEFAULT false NOT NULL,
	"kev_due_date" date,
	"epss" double precision,
	"cvss_score" double precision,
	"priority_score" double precision DEFAULT 0 NOT NULL,
	"priority" text DEFAULT 'low' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"status_reason" text DEFAULT '' NOT NULL,
	"accepted_until" date,
	"status_changed_by" uuid,
	"status_changed_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"source_date" timestamp with time zone,
	"inserted" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"imported_by" uuid,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kev_entries" (
	"cve_id" text PRIMARY KEY NOT NULL,
	"vendor" text NOT NULL,
	"product" text NOT NULL,
	"name" text NOT NULL,
	"date_added" date NOT NULL,
	"due_date" date NOT NULL,
	"required_action" text NOT NULL,
	"known_ransomware_campaign_use" text NOT NULL,
	"catalog_version" text DEFAULT '' NOT NULL,
	"import_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerability_products" (
	"record_key" text NOT NULL,
	"product_key" text NOT NULL,
	CONSTRAINT "vulnerability_products_record_key_product_key_pk" PRIMARY KEY("record_key","product_key")
);
--> statement-breakpoint
CREATE TABLE "vulnerability_records" (
	"key" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"vulnerability_id" text NOT NULL,
	"advisory_id" text,
	"title" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone,
	"modified_at" timestamp with time zone,
	"cvss_score" double precision,
	"cvss_severity" text,
	"cvss_vector" text,
	"cvss_version" text,
	"applicability" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"source_file" text NOT NULL,
	"source_date" timestamp with time zone,
	"import_id" uuid,
	"first_imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "asset_components" ADD CONSTRAINT "asset_components_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assets" ADD CONSTRAINT "assets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "epss_scores" ADD CONSTRAINT "epss_scores_import_id_feed_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."feed_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_events" ADD CONSTRAINT "exposure_events_exposure_id_exposures_id_fk" FOREIGN KEY ("exposure_id") REFERENCES "public"."exposures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_events" ADD CONSTRAINT "exposure_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposure_snapshots" ADD CONSTRAINT "exposure_snapshots_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposures" ADD CONSTRAINT "exposures_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposures" ADD CONSTRAINT "exposures_asset_id_assets_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."assets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exposures" ADD CONSTRAINT "exposures_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_imports" ADD CONSTRAINT "feed_imports_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kev_entries" ADD CONSTRAINT "kev_entries_import_id_feed_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."feed_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_products" ADD CONSTRAINT "vulnerability_products_record_key_vulnerability_records_key_fk" FOREIGN KEY ("record_key") REFERENCES "public"."vulnerability_records"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vulnerability_records" ADD CONSTRAINT "vulnerability_records_import_id_feed_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."feed_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "asset_components_asset_idx" ON "asset_components" USING btree ("asset_id","position");--> statement-breakpoint
CREATE INDEX "assets_city_idx" ON "assets" USING btree ("city_id","name");--> statement-breakpoint
CREATE INDEX "exposure_events_exposure_idx" ON "exposure_events" USING btree ("exposure_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "exposures_asset_vulnerability_idx" ON "exposures" USING btree ("asset_id","vulnerability_id");--> statement-breakpoint
CREATE INDEX "exposures_city_priority_idx" ON "exposures" USING btree ("city_id","active","priority_score");--> statement-breakpoint
CREATE INDEX "exposures_vulnerability_idx" ON "exposures" USING btree ("vulnerability_id");--> statement-breakpoint
CREATE INDEX "feed_imports_imported_idx" ON "feed_imports" USING btree ("imported_at");--> statement-breakpoint
CREATE INDEX "vulnerability_products_product_idx" ON "vulnerability_products" USING btree ("product_key");--> statement-breakpoint
CREATE INDEX "vulnerability_records_vulnerability_idx" ON "vulnerability_records" USING btree ("vulnerability_id");