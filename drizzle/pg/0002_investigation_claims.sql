ALTER TABLE "investigations" ADD COLUMN "claims" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "investigations" ADD COLUMN "worker_id" text;--> statement-breakpoint
ALTER TABLE "investigations" ADD COLUMN "given_code" jsonb;