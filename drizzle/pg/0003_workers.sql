CREATE TABLE "workers" (
	"id" text PRIMARY KEY NOT NULL,
	"slots" integer NOT NULL,
	"running" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL
);
