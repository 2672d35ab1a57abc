-- Documents written once and read whole (scores frozen at a period's close, a settlement's computation) are kept as
-- json, the text as written: PostgreSQL checks it but does not build jsonb's tree for every row the demo loads
-- (docs/decisions/0008-stored-documents-as-json.md). One statement per table: each rewrites its table once.
ALTER TABLE "assessment_reviews"
  ALTER COLUMN "self_general" SET DATA TYPE json USING "self_general"::json,
  ALTER COLUMN "head_general" SET DATA TYPE json USING "head_general"::json,
  ALTER COLUMN "frozen" SET DATA TYPE json USING "frozen"::json;--> statement-breakpoint
ALTER TABLE "settlement_cases"
  ALTER COLUMN "allowances" SET DATA TYPE json USING "allowances"::json,
  ALTER COLUMN "last_three_years" DROP DEFAULT,
  ALTER COLUMN "last_three_years" SET DATA TYPE json USING "last_three_years"::json,
  ALTER COLUMN "last_three_years" SET DEFAULT '[]'::json,
  ALTER COLUMN "benefit" SET DATA TYPE json USING "benefit"::json;
