CREATE TABLE `dismissals` (
	`id` text PRIMARY KEY NOT NULL,
	`dataset_id` text NOT NULL,
	`issue_type` text NOT NULL,
	`columns_key` text NOT NULL,
	`affected_columns` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dismissals_dataset_issue` ON `dismissals` (`dataset_id`,`issue_type`,`columns_key`);