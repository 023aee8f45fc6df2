CREATE TABLE `logout_sessions` (
	`oxd_id` text NOT NULL,
	`op_host` text NOT NULL,
	`sid` text NOT NULL,
	`sub` text NOT NULL,
	`expires_at` integer NOT NULL,
	`logged_out_at` integer,
	`channel` text,
	PRIMARY KEY(`oxd_id`, `sid`, `sub`)
);
--> statement-breakpoint
CREATE INDEX `logout_sessions_op_host_sid` ON `logout_sessions` (`op_host`,`sid`);--> statement-breakpoint
CREATE INDEX `logout_sessions_expires_at` ON `logout_sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `logout_token_jtis` (
	`iss` text NOT NULL,
	`jti` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`iss`, `jti`)
);
--> statement-breakpoint
CREATE INDEX `logout_token_jtis_expires_at` ON `logout_token_jtis` (`expires_at`);