ALTER TABLE `investigations` ADD `parent_id` text REFERENCES investigations(id);--> statement-breakpoint
CREATE INDEX `investigations_parent_idx` ON `investigations` (`parent_id`);