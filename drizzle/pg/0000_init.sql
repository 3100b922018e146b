CREATE TABLE "anthropic_files" (
	"dataset_id" text PRIMARY KEY NOT NULL,
	"file_id" text NOT NULL,
	"uploaded_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"secret_sha256" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "code_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"model" text NOT NULL,
	"issue_type" text NOT NULL,
	"code" text NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_used_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"name" text NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"row_count" bigint NOT NULL,
	"columns" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"tenant_id" text NOT NULL,
	"operation" text NOT NULL,
	"key" text NOT NULL,
	"fingerprint" text NOT NULL,
	"result_id" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_tenant_id_operation_key_pk" PRIMARY KEY("tenant_id","operation","key")
);
--> statement-breakpoint
CREATE TABLE "investigations" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"run_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	"position" integer NOT NULL,
	"issue_id" text NOT NULL,
	"issue_type" text NOT NULL,
	"issue_description" text NOT NULL,
	"affected_columns" jsonb NOT NULL,
	"issue_options" jsonb,
	"issue_source" text DEFAULT 'USER' NOT NULL,
	"issue_evidence" jsonb,
	"issue_claim" jsonb,
	"status" text NOT NULL,
	"method" text,
	"code" text,
	"output" jsonb,
	"error" text,
	"error_code" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"execution_time_ms" double precision,
	"timings" jsonb,
	"sample" jsonb,
	"validation" jsonb,
	"attempt_log" jsonb,
	"usage" jsonb,
	"verdict" jsonb,
	"created_at" timestamp (3) with time zone NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "progress_events" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"investigation_id" text,
	"type" text NOT NULL,
	"message" text NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"data" jsonb,
	CONSTRAINT "progress_events_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"dataset_id" text NOT NULL,
	"status" text NOT NULL,
	"concurrency" integer NOT NULL,
	"codegen" text NOT NULL,
	"sandbox" text NOT NULL,
	"llm_model" text,
	"fresh" boolean DEFAULT false NOT NULL,
	"label" text,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"started_at" timestamp (3) with time zone,
	"finished_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "anthropic_files" ADD CONSTRAINT "anthropic_files_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_events" ADD CONSTRAINT "progress_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_tenant_idx" ON "api_tokens" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "datasets_sha256_idx" ON "datasets" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "datasets_tenant_idx" ON "datasets" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "investigations_run_idx" ON "investigations" USING btree ("run_id","position");--> statement-breakpoint
CREATE INDEX "investigations_dataset_idx" ON "investigations" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "investigations_status_idx" ON "investigations" USING btree ("status");--> statement-breakpoint
CREATE INDEX "investigations_type_idx" ON "investigations" USING btree ("issue_type");--> statement-breakpoint
CREATE INDEX "investigations_tenant_idx" ON "investigations" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "runs_dataset_idx" ON "runs" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "runs_status_idx" ON "runs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "runs_tenant_idx" ON "runs" USING btree ("tenant_id","id");