ALTER TABLE "scap_projects" drop column "search_vector";--> statement-breakpoint
ALTER TABLE "scap_projects" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce("scap_projects"."title", '')), 'A') || setweight(to_tsvector('english', coalesce("scap_projects"."description", '')), 'B') || setweight(to_tsvector('simple', coalesce("scap_projects"."title", '')), 'A') || setweight(to_tsvector('simple', coalesce("scap_projects"."description", '')), 'B')) STORED;--> statement-breakpoint
-- Dropping the column dropped its index: build it again for the widened vector.
CREATE INDEX IF NOT EXISTS "scap_projects_search_idx" ON "scap_projects" USING gin ("search_vector");
