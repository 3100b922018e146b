ALTER TABLE `investigations` ADD `claims` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `investigations` ADD `worker_id` text;--> statement-breakpoint
ALTER TABLE `investigations` ADD `given_code` text;