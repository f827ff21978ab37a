CREATE TABLE `account_deletions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`status` enum('pending','cancelled','executed') NOT NULL DEFAULT 'pending',
	`opinions` enum('anonymise','remove') NOT NULL DEFAULT 'anonymise',
	`requested_at` datetime(3) NOT NULL,
	`scheduled_for` datetime(3) NOT NULL,
	`cancelled_at` datetime(3),
	`cancel_reason` varchar(16),
	`executed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `account_deletions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `consent_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`kind` enum('privacy','location','subscribe','quiet_home') NOT NULL,
	`granted` boolean NOT NULL,
	`version` varchar(16),
	`at` datetime(3) NOT NULL,
	CONSTRAINT `consent_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `pii_access_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`staff_id` bigint unsigned NOT NULL,
	`staff_role` varchar(16) NOT NULL,
	`subject_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned,
	`fields` text NOT NULL,
	`purpose` varchar(32) NOT NULL,
	`endpoint` varchar(120) NOT NULL,
	`request_id` varchar(64),
	`at` datetime(3) NOT NULL,
	CONSTRAINT `pii_access_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `users` ADD `deleted_at` datetime(3);--> statement-breakpoint
ALTER TABLE `account_deletions` ADD CONSTRAINT `account_deletions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `consent_events` ADD CONSTRAINT `consent_events_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `pii_access_log` ADD CONSTRAINT `pii_access_log_staff_id_users_id_fk` FOREIGN KEY (`staff_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `pii_access_log` ADD CONSTRAINT `pii_access_log_subject_id_users_id_fk` FOREIGN KEY (`subject_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `pii_access_log` ADD CONSTRAINT `pii_access_log_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `account_deletions_user_idx` ON `account_deletions` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `account_deletions_due_idx` ON `account_deletions` (`status`,`scheduled_for`);--> statement-breakpoint
CREATE INDEX `consent_events_user_kind_idx` ON `consent_events` (`user_id`,`kind`,`id`);--> statement-breakpoint
CREATE INDEX `pii_access_subject_idx` ON `pii_access_log` (`subject_id`,`at`);--> statement-breakpoint
CREATE INDEX `pii_access_at_idx` ON `pii_access_log` (`at`);--> statement-breakpoint
CREATE INDEX `pii_access_staff_idx` ON `pii_access_log` (`staff_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_logs_created_idx` ON `audit_logs` (`created_at`);--> statement-breakpoint
CREATE INDEX `idempotency_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_created_idx` ON `notifications` (`created_at`);