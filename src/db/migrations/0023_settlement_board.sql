CREATE TABLE "settlement_board" (
	"province_code" text NOT NULL,
	"unit_code" text NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	"amount" bigint NOT NULL,
	"paid" bigint NOT NULL,
	CONSTRAINT "settlement_board_province_code_unit_code_status_pk" PRIMARY KEY("province_code","unit_code","status")
);
--> statement-breakpoint
DROP INDEX "settlement_cases_board_idx";--> statement-breakpoint
CREATE INDEX "settlement_cases_open_idx" ON "settlement_cases" USING btree ("province_code","unit_code","leave_date","leaving_decision_date") WHERE status IN ('proposed', 'approved', 'decided');--> statement-breakpoint
-- Applies the rows leaving (sign -1) and entering (sign +1) the board's keys: one upsert per key, in key order
-- (concurrent writers lock board rows in the same order, so they cannot deadlock); rows that fall to zero go.
CREATE OR REPLACE FUNCTION settlement_board_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO settlement_board AS b (province_code, unit_code, status, n, amount, paid)
      SELECT province_code, unit_code, status, sum(d), sum(d * amount), sum(d * paid)
      FROM (SELECT province_code, unit_code, status, 1 AS d, coalesce(override_amount, benefit_total) AS amount, coalesce(paid_amount, 0) AS paid FROM new_rows) v
      GROUP BY 1, 2, 3 HAVING sum(d) <> 0 OR sum(d * amount) <> 0 OR sum(d * paid) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (province_code, unit_code, status) DO UPDATE
      SET n = b.n + excluded.n, amount = b.amount + excluded.amount, paid = b.paid + excluded.paid;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO settlement_board AS b (province_code, unit_code, status, n, amount, paid)
      SELECT province_code, unit_code, status, sum(d), sum(d * amount), sum(d * paid)
      FROM (SELECT province_code, unit_code, status, -1 AS d, coalesce(override_amount, benefit_total) AS amount, coalesce(paid_amount, 0) AS paid FROM old_rows UNION ALL SELECT province_code, unit_code, status, 1 AS d, coalesce(override_amount, benefit_total) AS amount, coalesce(paid_amount, 0) AS paid FROM new_rows) v
      GROUP BY 1, 2, 3 HAVING sum(d) <> 0 OR sum(d * amount) <> 0 OR sum(d * paid) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (province_code, unit_code, status) DO UPDATE
      SET n = b.n + excluded.n, amount = b.amount + excluded.amount, paid = b.paid + excluded.paid;
    DELETE FROM settlement_board b USING (SELECT DISTINCT province_code, unit_code, status FROM old_rows) o
      WHERE b.province_code = o.province_code AND b.unit_code = o.unit_code AND b.status = o.status AND b.n = 0;
  ELSE
    INSERT INTO settlement_board AS b (province_code, unit_code, status, n, amount, paid)
      SELECT province_code, unit_code, status, sum(d), sum(d * amount), sum(d * paid)
      FROM (SELECT province_code, unit_code, status, -1 AS d, coalesce(override_amount, benefit_total) AS amount, coalesce(paid_amount, 0) AS paid FROM old_rows) v
      GROUP BY 1, 2, 3 HAVING sum(d) <> 0 OR sum(d * amount) <> 0 OR sum(d * paid) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (province_code, unit_code, status) DO UPDATE
      SET n = b.n + excluded.n, amount = b.amount + excluded.amount, paid = b.paid + excluded.paid;
    DELETE FROM settlement_board b USING (SELECT DISTINCT province_code, unit_code, status FROM old_rows) o
      WHERE b.province_code = o.province_code AND b.unit_code = o.unit_code AND b.status = o.status AND b.n = 0;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER settlement_board_insert AFTER INSERT ON settlement_cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION settlement_board_apply();
--> statement-breakpoint
CREATE TRIGGER settlement_board_update AFTER UPDATE ON settlement_cases
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION settlement_board_apply();
--> statement-breakpoint
CREATE TRIGGER settlement_board_delete AFTER DELETE ON settlement_cases
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION settlement_board_apply();
--> statement-breakpoint
INSERT INTO settlement_board (province_code, unit_code, status, n, amount, paid)
  SELECT province_code, unit_code, status, count(*), sum(coalesce(override_amount, benefit_total)), sum(coalesce(paid_amount, 0))
  FROM settlement_cases GROUP BY 1, 2, 3;
