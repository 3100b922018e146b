CREATE TABLE `idempotency_keys` (
	`tenant_id` text NOT NULL,
	`operation` text NOT NULL,
	`key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`result_id` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `operation`, `key`)
);
