CREATE TABLE `token_subjects` (
	`oxd_id` text NOT NULL,
	`kind` text NOT NULL,
	`token_hash` text NOT NULL,
	`sub` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`oxd_id`, `kind`, `token_hash`)
);
--> statement-breakpoint
CREATE INDEX `token_subjects_expires_at` ON `token_subjects` (`expires_at`);