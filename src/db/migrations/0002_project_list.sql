-- Idempotent: development databases may hold an earlier draft of this migration (same objects).
CREATE TABLE IF NOT EXISTS "scap_project_counts" (
	"city_id" text NOT NULL,
	"focus_area_id" text NOT NULL,
	"visibility" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "scap_project_counts_city_id_focus_area_id_visibility_pk" PRIMARY KEY("city_id","focus_area_id","visibility")
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scap_projects_title_idx" ON "scap_projects" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scap_projects_updated_idx" ON "scap_projects" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "scap_projects_start_year_idx" ON "scap_projects" USING btree (coalesce("start_year", 9999),"id");
--> statement-breakpoint
-- Keeps scap_project_counts exact. Statement triggers with transition tables: a bulk insert or
-- restore adds its rows per (city, focus area, visibility) once, not once per row. Rows are applied
-- in key order so that concurrent writers lock counts in the same order.
CREATE OR REPLACE FUNCTION scap_project_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO scap_project_counts AS c (city_id, focus_area_id, visibility, n)
    SELECT city_id, focus_area_id, visibility, count(*) FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (city_id, focus_area_id, visibility) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO scap_project_counts AS c (city_id, focus_area_id, visibility, n)
    SELECT city_id, focus_area_id, visibility, -count(*) FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (city_id, focus_area_id, visibility) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO scap_project_counts AS c (city_id, focus_area_id, visibility, n)
    SELECT city_id, focus_area_id, visibility, sum(delta) FROM (
      SELECT city_id, focus_area_id, visibility, 1 AS delta FROM new_rows
      UNION ALL
      SELECT city_id, focus_area_id, visibility, -1 AS delta FROM old_rows
    ) AS changes
    GROUP BY 1, 2, 3 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (city_id, focus_area_id, visibility) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION scap_project_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM scap_project_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS scap_project_counts_on_insert ON scap_projects;
--> statement-breakpoint
CREATE TRIGGER scap_project_counts_on_insert AFTER INSERT ON scap_projects
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scap_project_counts_apply();
--> statement-breakpoint
DROP TRIGGER IF EXISTS scap_project_counts_on_update ON scap_projects;
--> statement-breakpoint
CREATE TRIGGER scap_project_counts_on_update AFTER UPDATE ON scap_projects
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION scap_project_counts_apply();
--> statement-breakpoint
DROP TRIGGER IF EXISTS scap_project_counts_on_delete ON scap_projects;
--> statement-breakpoint
CREATE TRIGGER scap_project_counts_on_delete AFTER DELETE ON scap_projects
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION scap_project_counts_apply();
--> statement-breakpoint
DROP TRIGGER IF EXISTS scap_project_counts_on_truncate ON scap_projects;
--> statement-breakpoint
CREATE TRIGGER scap_project_counts_on_truncate AFTER TRUNCATE ON scap_projects
  FOR EACH STATEMENT EXECUTE FUNCTION scap_project_counts_clear();
--> statement-breakpoint
DELETE FROM scap_project_counts;
--> statement-breakpoint
INSERT INTO scap_project_counts (city_id, focus_area_id, visibility, n)
SELECT city_id, focus_area_id, visibility, count(*) FROM scap_projects GROUP BY 1, 2, 3;
