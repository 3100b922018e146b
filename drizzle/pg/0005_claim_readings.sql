CREATE TABLE "claim_readings" (
	"key" text PRIMARY KEY NOT NULL,
	"model" text NOT NULL,
	"reading" jsonb NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_used_at" timestamp (3) with time zone NOT NULL
);
