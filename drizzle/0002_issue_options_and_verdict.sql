ALTER TABLE `investigations` ADD `issue_options` text;--> statement-breakpoint
ALTER TABLE `investigations` ADD `verdict` text;