-- Trigrams for the archives' description search (LIKE '%word%' on search_key): PGlite loads the extension itself
-- (src/db/client.ts), a PostgreSQL server needs its contrib package (pg_trgm ships with it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "digitization_descriptions_search_trgm_idx" ON "digitization_descriptions" USING gin ("search_key" gin_trgm_ops);
