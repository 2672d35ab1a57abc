CREATE TABLE "workforce_figure_changes" (
	"province_code" text PRIMARY KEY NOT NULL,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workforce_province_figures" (
	"province_code" text NOT NULL,
	"day" date NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"figures" jsonb NOT NULL,
	CONSTRAINT "workforce_province_figures_province_code_day_pk" PRIMARY KEY("province_code","day")
);
