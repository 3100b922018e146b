ALTER TABLE "investigations" ADD COLUMN "parent_id" text;--> statement-breakpoint
ALTER TABLE "investigations" ADD CONSTRAINT "investigations_parent_id_investigations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."investigations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "investigations_parent_idx" ON "investigations" USING btree ("parent_id");