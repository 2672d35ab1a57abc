CREATE TABLE "digitization_board" (
	"year" integer NOT NULL,
	"province_code" text NOT NULL,
	"month" integer NOT NULL,
	"unit_code" text NOT NULL,
	"stage" text NOT NULL,
	"n" integer NOT NULL,
	"files" bigint NOT NULL,
	"pages" bigint NOT NULL,
	CONSTRAINT "digitization_board_year_province_code_month_unit_code_stage_pk" PRIMARY KEY("year","province_code","month","unit_code","stage")
);
--> statement-breakpoint
-- The board's figures of the batches leaving (d = -1) and entering (d = +1) a key, for the unit and for the country
-- (province_code '', unit_code = the province): one upsert per key, in key order (concurrent writers lock rows in the
-- same order); the keys the leaving rows had go when they fall to n = 0.
CREATE OR REPLACE FUNCTION digitization_board_batches() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO digitization_board AS b (year, province_code, month, unit_code, stage, n, files, pages)
      SELECT r.year, u.province_code, k.month, u.unit_code, k.stage, sum(r.d), sum(r.d * r.files), sum(r.d * r.pages)
      FROM (SELECT year, province_code, unit_code, stage, files, pages, scanned_on, checked_on, described_on, published_on, 1 AS d FROM new_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES (r.stage, 0), ('scanned', to_char(r.scanned_on, 'YYYYMM')::int),
        ('checked', to_char(r.checked_on, 'YYYYMM')::int), ('described', to_char(r.described_on, 'YYYYMM')::int),
        ('published', to_char(r.published_on, 'YYYYMM')::int)) k(stage, month)
      WHERE k.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 OR sum(r.d * r.files) <> 0 OR sum(r.d * r.pages) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (year, province_code, month, unit_code, stage) DO UPDATE
      SET n = b.n + excluded.n, files = b.files + excluded.files, pages = b.pages + excluded.pages;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO digitization_board AS b (year, province_code, month, unit_code, stage, n, files, pages)
      SELECT r.year, u.province_code, k.month, u.unit_code, k.stage, sum(r.d), sum(r.d * r.files), sum(r.d * r.pages)
      FROM (SELECT year, province_code, unit_code, stage, files, pages, scanned_on, checked_on, described_on, published_on, -1 AS d FROM old_rows UNION ALL SELECT year, province_code, unit_code, stage, files, pages, scanned_on, checked_on, described_on, published_on, 1 AS d FROM new_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES (r.stage, 0), ('scanned', to_char(r.scanned_on, 'YYYYMM')::int),
        ('checked', to_char(r.checked_on, 'YYYYMM')::int), ('described', to_char(r.described_on, 'YYYYMM')::int),
        ('published', to_char(r.published_on, 'YYYYMM')::int)) k(stage, month)
      WHERE k.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 OR sum(r.d * r.files) <> 0 OR sum(r.d * r.pages) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (year, province_code, month, unit_code, stage) DO UPDATE
      SET n = b.n + excluded.n, files = b.files + excluded.files, pages = b.pages + excluded.pages;
    DELETE FROM digitization_board b USING (SELECT DISTINCT r.year, u.province_code, k.month, u.unit_code, k.stage
      FROM (SELECT year, province_code, unit_code, stage, files, pages, scanned_on, checked_on, described_on, published_on, -1 AS d FROM old_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES (r.stage, 0), ('scanned', to_char(r.scanned_on, 'YYYYMM')::int),
        ('checked', to_char(r.checked_on, 'YYYYMM')::int), ('described', to_char(r.described_on, 'YYYYMM')::int),
        ('published', to_char(r.published_on, 'YYYYMM')::int)) k(stage, month)
      WHERE k.month IS NOT NULL) o
      WHERE (b.year, b.province_code, b.month, b.unit_code, b.stage) = (o.year, o.province_code, o.month, o.unit_code, o.stage)
        AND b.n = 0;
  ELSE
    INSERT INTO digitization_board AS b (year, province_code, month, unit_code, stage, n, files, pages)
      SELECT r.year, u.province_code, k.month, u.unit_code, k.stage, sum(r.d), sum(r.d * r.files), sum(r.d * r.pages)
      FROM (SELECT year, province_code, unit_code, stage, files, pages, scanned_on, checked_on, described_on, published_on, -1 AS d FROM old_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES (r.stage, 0), ('scanned', to_char(r.scanned_on, 'YYYYMM')::int),
        ('checked', to_char(r.checked_on, 'YYYYMM')::int), ('described', to_char(r.described_on, 'YYYYMM')::int),
        ('published', to_char(r.published_on, 'YYYYMM')::int)) k(stage, month)
      WHERE k.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 OR sum(r.d * r.files) <> 0 OR sum(r.d * r.pages) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (year, province_code, month, unit_code, stage) DO UPDATE
      SET n = b.n + excluded.n, files = b.files + excluded.files, pages = b.pages + excluded.pages;
    DELETE FROM digitization_board b USING (SELECT DISTINCT r.year, u.province_code, k.month, u.unit_code, k.stage
      FROM (SELECT year, province_code, unit_code, stage, files, pages, scanned_on, checked_on, described_on, published_on, -1 AS d FROM old_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES (r.stage, 0), ('scanned', to_char(r.scanned_on, 'YYYYMM')::int),
        ('checked', to_char(r.checked_on, 'YYYYMM')::int), ('described', to_char(r.described_on, 'YYYYMM')::int),
        ('published', to_char(r.published_on, 'YYYYMM')::int)) k(stage, month)
      WHERE k.month IS NOT NULL) o
      WHERE (b.year, b.province_code, b.month, b.unit_code, b.stage) = (o.year, o.province_code, o.month, o.unit_code, o.stage)
        AND b.n = 0;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- The same for the plans (stage 'planned', month 0).
CREATE OR REPLACE FUNCTION digitization_board_plans() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO digitization_board AS b (year, province_code, month, unit_code, stage, n, files, pages)
      SELECT r.year, u.province_code, k.month, u.unit_code, k.stage, sum(r.d), sum(r.d * r.files), sum(r.d * r.pages)
      FROM (SELECT year, province_code, unit_code, planned_files AS files, planned_pages AS pages, 1 AS d FROM new_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES ('planned', 0)) k(stage, month)
      WHERE k.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 OR sum(r.d * r.files) <> 0 OR sum(r.d * r.pages) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (year, province_code, month, unit_code, stage) DO UPDATE
      SET n = b.n + excluded.n, files = b.files + excluded.files, pages = b.pages + excluded.pages;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO digitization_board AS b (year, province_code, month, unit_code, stage, n, files, pages)
      SELECT r.year, u.province_code, k.month, u.unit_code, k.stage, sum(r.d), sum(r.d * r.files), sum(r.d * r.pages)
      FROM (SELECT year, province_code, unit_code, planned_files AS files, planned_pages AS pages, -1 AS d FROM old_rows UNION ALL SELECT year, province_code, unit_code, planned_files AS files, planned_pages AS pages, 1 AS d FROM new_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES ('planned', 0)) k(stage, month)
      WHERE k.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 OR sum(r.d * r.files) <> 0 OR sum(r.d * r.pages) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (year, province_code, month, unit_code, stage) DO UPDATE
      SET n = b.n + excluded.n, files = b.files + excluded.files, pages = b.pages + excluded.pages;
    DELETE FROM digitization_board b USING (SELECT DISTINCT r.year, u.province_code, k.month, u.unit_code, k.stage
      FROM (SELECT year, province_code, unit_code, planned_files AS files, planned_pages AS pages, -1 AS d FROM old_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES ('planned', 0)) k(stage, month)
      WHERE k.month IS NOT NULL) o
      WHERE (b.year, b.province_code, b.month, b.unit_code, b.stage) = (o.year, o.province_code, o.month, o.unit_code, o.stage)
        AND b.n = 0;
  ELSE
    INSERT INTO digitization_board AS b (year, province_code, month, unit_code, stage, n, files, pages)
      SELECT r.year, u.province_code, k.month, u.unit_code, k.stage, sum(r.d), sum(r.d * r.files), sum(r.d * r.pages)
      FROM (SELECT year, province_code, unit_code, planned_files AS files, planned_pages AS pages, -1 AS d FROM old_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES ('planned', 0)) k(stage, month)
      WHERE k.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 OR sum(r.d * r.files) <> 0 OR sum(r.d * r.pages) <> 0 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (year, province_code, month, unit_code, stage) DO UPDATE
      SET n = b.n + excluded.n, files = b.files + excluded.files, pages = b.pages + excluded.pages;
    DELETE FROM digitization_board b USING (SELECT DISTINCT r.year, u.province_code, k.month, u.unit_code, k.stage
      FROM (SELECT year, province_code, unit_code, planned_files AS files, planned_pages AS pages, -1 AS d FROM old_rows) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES ('planned', 0)) k(stage, month)
      WHERE k.month IS NOT NULL) o
      WHERE (b.year, b.province_code, b.month, b.unit_code, b.stage) = (o.year, o.province_code, o.month, o.unit_code, o.stage)
        AND b.n = 0;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER digitization_board_batches_insert AFTER INSERT ON digitization_batches
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION digitization_board_batches();
--> statement-breakpoint
CREATE TRIGGER digitization_board_batches_update AFTER UPDATE ON digitization_batches
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION digitization_board_batches();
--> statement-breakpoint
CREATE TRIGGER digitization_board_batches_delete AFTER DELETE ON digitization_batches
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION digitization_board_batches();
--> statement-breakpoint
CREATE TRIGGER digitization_board_plans_insert AFTER INSERT ON digitization_plans
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION digitization_board_plans();
--> statement-breakpoint
CREATE TRIGGER digitization_board_plans_update AFTER UPDATE ON digitization_plans
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION digitization_board_plans();
--> statement-breakpoint
CREATE TRIGGER digitization_board_plans_delete AFTER DELETE ON digitization_plans
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION digitization_board_plans();
--> statement-breakpoint
-- The figures of what is there already.
INSERT INTO digitization_board AS b (year, province_code, month, unit_code, stage, n, files, pages)
      SELECT r.year, u.province_code, k.month, u.unit_code, k.stage, sum(r.d), sum(r.d * r.files), sum(r.d * r.pages)
      FROM (SELECT year, province_code, unit_code, stage, files, pages, scanned_on, checked_on, described_on, published_on, 1 AS d FROM digitization_batches) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES (r.stage, 0), ('scanned', to_char(r.scanned_on, 'YYYYMM')::int),
        ('checked', to_char(r.checked_on, 'YYYYMM')::int), ('described', to_char(r.described_on, 'YYYYMM')::int),
        ('published', to_char(r.published_on, 'YYYYMM')::int)) k(stage, month)
      WHERE k.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 OR sum(r.d * r.files) <> 0 OR sum(r.d * r.pages) <> 0 ORDER BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO digitization_board AS b (year, province_code, month, unit_code, stage, n, files, pages)
      SELECT r.year, u.province_code, k.month, u.unit_code, k.stage, sum(r.d), sum(r.d * r.files), sum(r.d * r.pages)
      FROM (SELECT year, province_code, unit_code, planned_files AS files, planned_pages AS pages, 1 AS d FROM digitization_plans) r
      CROSS JOIN LATERAL (VALUES (r.province_code, r.unit_code), ('', r.province_code)) u(province_code, unit_code)
      CROSS JOIN LATERAL (VALUES ('planned', 0)) k(stage, month)
      WHERE k.month IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.d) <> 0 OR sum(r.d * r.files) <> 0 OR sum(r.d * r.pages) <> 0 ORDER BY 1, 2, 3, 4, 5;
