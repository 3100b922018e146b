CREATE TABLE `claim_readings` (
	`key` text PRIMARY KEY NOT NULL,
	`model` text NOT NULL,
	`reading` text NOT NULL,
	`hits` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL
);
