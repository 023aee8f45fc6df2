CREATE TABLE `authorization_requests` (
	`state` text PRIMARY KEY NOT NULL,
	`oxd_id` text NOT NULL,
	`nonce` text NOT NULL,
	`code_verifier` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer
);
--> statement-breakpoint
CREATE INDEX `authorization_requests_expires_at` ON `authorization_requests` (`expires_at`);--> statement-breakpoint
CREATE TABLE `sites` (
	`oxd_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`op_host` text NOT NULL,
	`op_discovery_path` text,
	`client_id` text NOT NULL,
	`client_secret` text,
	`registration_access_token` text,
	`registration_client_uri` text,
	`client_id_issued_at` integer,
	`client_secret_expires_at` integer,
	`setup_client_id` text,
	`authorization_redirect_uri` text,
	`post_logout_redirect_uri` text,
	`scope` text NOT NULL,
	`acr_values` text NOT NULL,
	`metadata` text NOT NULL,
	`last_id_token` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sites_client_id` ON `sites` (`client_id`);--> statement-breakpoint
CREATE INDEX `sites_op_host_kind` ON `sites` (`op_host`,`kind`);