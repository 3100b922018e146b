CREATE TABLE "dismissals" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"issue_type" text NOT NULL,
	"columns_key" text NOT NULL,
	"affected_columns" jsonb NOT NULL,
	"reason" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dismissals" ADD CONSTRAINT "dismissals_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dismissals_dataset_issue" ON "dismissals" USING btree ("dataset_id","issue_type","columns_key");