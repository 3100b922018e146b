ALTER TABLE `investigations` ADD `queued_at` integer;--> statement-breakpoint
ALTER TABLE `runs` ADD `stop_requested` text;