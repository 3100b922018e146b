CREATE TABLE `datasets` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`file_name` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`row_count` integer NOT NULL,
	`columns` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `datasets_sha256_idx` ON `datasets` (`sha256`);--> statement-breakpoint
CREATE TABLE `investigations` (
	`id` text PRIMARY KEY NOT NULL,
	`run_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`position` integer NOT NULL,
	`issue_id` text NOT NULL,
	`issue_type` text NOT NULL,
	`issue_description` text NOT NULL,
	`affected_columns` text NOT NULL,
	`status` text NOT NULL,
	`method` text,
	`code` text,
	`output` text,
	`error` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`execution_time_ms` real,
	`timings` text,
	`sample` text,
	`validation` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `investigations_run_idx` ON `investigations` (`run_id`,`position`);--> statement-breakpoint
CREATE INDEX `investigations_dataset_idx` ON `investigations` (`dataset_id`);--> statement-breakpoint
CREATE INDEX `investigations_status_idx` ON `investigations` (`status`);--> statement-breakpoint
CREATE INDEX `investigations_type_idx` ON `investigations` (`issue_type`);--> statement-breakpoint
CREATE TABLE `progress_events` (
	`run_id` text NOT NULL,
	`seq` integer NOT NULL,
	`investigation_id` text,
	`type` text NOT NULL,
	`message` text NOT NULL,
	`timestamp` integer NOT NULL,
	`data` text,
	PRIMARY KEY(`run_id`, `seq`),
	FOREIGN KEY (`run_id`) REFERENCES `runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `runs` (
	`id` text PRIMARY KEY NOT NULL,
	`dataset_id` text NOT NULL,
	`status` text NOT NULL,
	`concurrency` integer NOT NULL,
	`codegen` text NOT NULL,
	`sandbox` text NOT NULL,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`dataset_id`) REFERENCES `datasets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `runs_dataset_idx` ON `runs` (`dataset_id`);--> statement-breakpoint
CREATE INDEX `runs_status_idx` ON `runs` (`status`);