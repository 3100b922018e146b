CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`secret_sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE INDEX `api_tokens_tenant_idx` ON `api_tokens` (`tenant_id`,`id`);--> statement-breakpoint
ALTER TABLE `datasets` ADD `tenant_id` text DEFAULT 'default' NOT NULL;--> statement-breakpoint
CREATE INDEX `datasets_tenant_idx` ON `datasets` (`tenant_id`,`id`);--> statement-breakpoint
ALTER TABLE `investigations` ADD `tenant_id` text DEFAULT 'default' NOT NULL;--> statement-breakpoint
CREATE INDEX `investigations_tenant_idx` ON `investigations` (`tenant_id`,`id`);--> statement-breakpoint
ALTER TABLE `runs` ADD `tenant_id` text DEFAULT 'default' NOT NULL;--> statement-breakpoint
CREATE INDEX `runs_tenant_idx` ON `runs` (`tenant_id`,`id`);