CREATE TABLE `workers` (
	`id` text PRIMARY KEY NOT NULL,
	`slots` integer NOT NULL,
	`running` integer NOT NULL,
	`started_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
