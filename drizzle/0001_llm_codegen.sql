CREATE TABLE `anthropic_files` (
	`dataset_id` text PRIMARY KEY NOT NULL,
	`file_id` text NOT NULL,
	`uploaded_at` integer NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `code_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`model` text NOT NULL,
	`issue_type` text NOT NULL,
	`code` text NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `investigations` ADD `attempt_log` text;--> statement-breakpoint
ALTER TABLE `investigations` ADD `usage` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `llm_model` text;--> statement-breakpoint
ALTER TABLE `runs` ADD `fresh` integer DEFAULT false NOT NULL;