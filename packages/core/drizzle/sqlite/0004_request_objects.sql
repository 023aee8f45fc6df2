CREATE TABLE `request_objects` (
	`id` text PRIMARY KEY NOT NULL,
	`oxd_id` text NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `request_objects_expires_at` ON `request_objects` (`expires_at`);