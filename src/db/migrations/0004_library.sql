CREATE TABLE "practice_replications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"city_id" text NOT NULL,
	"year" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"focus_area_id" text NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"city_id" text,
	"technologies" text[] DEFAULT '{}'::text[] NOT NULL,
	"standards" text[] DEFAULT '{}'::text[] NOT NULL,
	"cost_range" text,
	"outcome_indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"language" text NOT NULL,
	"translation_of" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_by" uuid,
	"review_comment" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "practices"."title"), 'A') || setweight(to_tsvector('simple', "practices"."title"), 'A')
        || setweight(to_tsvector('english', "practices"."summary"), 'B') || setweight(to_tsvector('simple', "practices"."summary"), 'B')
        || setweight(to_tsvector('english', "practices"."body"), 'C') || setweight(to_tsvector('simple', "practices"."body"), 'C')) STORED
);
--> statement-breakpoint
ALTER TABLE "practice_replications" ADD CONSTRAINT "practice_replications_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_replications" ADD CONSTRAINT "practice_replications_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_replications" ADD CONSTRAINT "practice_replications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_translation_of_practices_id_fk" FOREIGN KEY ("translation_of") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "practice_replications_unique" ON "practice_replications" USING btree ("practice_id","city_id");--> statement-breakpoint
CREATE INDEX "practices_status_idx" ON "practices" USING btree ("status","visibility","updated_at","id");--> statement-breakpoint
CREATE INDEX "practices_organisation_idx" ON "practices" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "practices_focus_idx" ON "practices" USING btree ("focus_area_id");--> statement-breakpoint
CREATE INDEX "practices_city_idx" ON "practices" USING btree ("city_id");--> statement-breakpoint
CREATE UNIQUE INDEX "practices_translation_language_unique" ON "practices" USING btree ("translation_of","language");--> statement-breakpoint
CREATE INDEX "practices_search_idx" ON "practices" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "practices_title_trgm_idx" ON "practices" USING gin ("title" gin_trgm_ops);