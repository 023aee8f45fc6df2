CREATE TABLE `uma_resources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`oxd_id` text NOT NULL,
	`path` text NOT NULL,
	`http_methods` text NOT NULL,
	`scopes` text NOT NULL,
	`ticket_scopes` text,
	`scope_expression` text,
	`resource_id` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `uma_resources_site_path` ON `uma_resources` (`oxd_id`,`path`);--> statement-breakpoint
ALTER TABLE `authorization_requests` ADD `purpose` text DEFAULT 'authorization' NOT NULL;