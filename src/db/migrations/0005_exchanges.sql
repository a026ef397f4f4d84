CREATE TABLE "exchange_offer_focus_areas" (
	"organisation_id" uuid NOT NULL,
	"focus_area_id" text NOT NULL,
	CONSTRAINT "exchange_offer_focus_areas_organisation_id_focus_area_id_pk" PRIMARY KEY("organisation_id","focus_area_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_offers" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"expertise_summary" text DEFAULT '' NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pairing_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_side" text NOT NULL,
	"owner_user_id" uuid,
	"start_date" date,
	"end_date" date,
	"location" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_focus_areas" (
	"pairing_id" uuid NOT NULL,
	"focus_area_id" text NOT NULL,
	CONSTRAINT "pairing_focus_areas_pairing_id_focus_area_id_pk" PRIMARY KEY("pairing_id","focus_area_id")
);
--> statement-breakpoint
CREATE TABLE "pairing_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pairing_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"actor_user_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairing_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pairing_id" uuid NOT NULL,
	"date" date NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"us_organisation_id" uuid NOT NULL,
	"city_id" text NOT NULL,
	"objectives" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"us_accepted_by" uuid,
	"us_accepted_at" timestamp with time zone,
	"city_accepted_by" uuid,
	"city_accepted_at" timestamp with time zone,
	"public" boolean DEFAULT false NOT NULL,
	"outcomes" text DEFAULT '' NOT NULL,
	"lessons_learned" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_offer_focus_areas" ADD CONSTRAINT "exchange_offer_focus_areas_organisation_id_exchange_offers_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."exchange_offers"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_offer_focus_areas" ADD CONSTRAINT "exchange_offer_focus_areas_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_offers" ADD CONSTRAINT "exchange_offers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exchange_offers" ADD CONSTRAINT "exchange_offers_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_activities" ADD CONSTRAINT "pairing_activities_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_activities" ADD CONSTRAINT "pairing_activities_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_focus_areas" ADD CONSTRAINT "pairing_focus_areas_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_focus_areas" ADD CONSTRAINT "pairing_focus_areas_focus_area_id_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."focus_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_transitions" ADD CONSTRAINT "pairing_transitions_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_transitions" ADD CONSTRAINT "pairing_transitions_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_updates" ADD CONSTRAINT "pairing_updates_pairing_id_pairings_id_fk" FOREIGN KEY ("pairing_id") REFERENCES "public"."pairings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing_updates" ADD CONSTRAINT "pairing_updates_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_us_organisation_id_organisations_id_fk" FOREIGN KEY ("us_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_us_accepted_by_users_id_fk" FOREIGN KEY ("us_accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_city_accepted_by_users_id_fk" FOREIGN KEY ("city_accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairings" ADD CONSTRAINT "pairings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pairing_activities_pairing_idx" ON "pairing_activities" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "pairing_transitions_pairing_idx" ON "pairing_transitions" USING btree ("pairing_id","at");--> statement-breakpoint
CREATE INDEX "pairing_updates_pairing_idx" ON "pairing_updates" USING btree ("pairing_id","date");--> statement-breakpoint
CREATE INDEX "pairings_updated_idx" ON "pairings" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "pairings_city_idx" ON "pairings" USING btree ("city_id");--> statement-breakpoint
CREATE INDEX "pairings_us_organisation_idx" ON "pairings" USING btree ("us_organisation_id");