ALTER TABLE `investigations` ADD `issue_source` text DEFAULT 'USER' NOT NULL;--> statement-breakpoint
ALTER TABLE `investigations` ADD `issue_evidence` text;--> statement-breakpoint
ALTER TABLE `investigations` ADD `error_code` text;--> statement-breakpoint
ALTER TABLE `investigations` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `runs` ADD `label` text;