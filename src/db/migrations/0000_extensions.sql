-- Fuzzy matching on names (trigram indexes) is used across modules; PGlite ships pg_trgm as a contrib extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
