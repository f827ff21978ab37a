CREATE TABLE `care_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`request_id` bigint unsigned NOT NULL,
	`status` enum('submitted','accepted','dispatched','in_service','completed','cancelled') NOT NULL,
	`actor_id` bigint unsigned NOT NULL,
	`on_behalf_of` bigint unsigned,
	`note` varchar(200) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `care_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `care_requests` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`senior_id` bigint unsigned NOT NULL,
	`requested_by` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`kind` enum('meal','medical','cleaning','bathing','visit','emergency') NOT NULL,
	`priority` tinyint NOT NULL DEFAULT 0,
	`status` enum('submitted','accepted','dispatched','in_service','completed','cancelled') NOT NULL DEFAULT 'submitted',
	`note` varchar(200) NOT NULL DEFAULT '',
	`address` varchar(200) NOT NULL,
	`phone_enc` varchar(200),
	`phone_masked` varchar(16),
	`assignee_id` bigint unsigned,
	`accepted_at` datetime(3),
	`accepted_by` bigint unsigned,
	`dispatched_at` datetime(3),
	`started_at` datetime(3),
	`completed_at` datetime(3),
	`cancelled_at` datetime(3),
	`cancelled_by` bigint unsigned,
	`cancel_reason` varchar(100),
	`rating` tinyint,
	`rating_comment` varchar(300),
	`rated_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `care_requests_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `family_link_codes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`senior_id` bigint unsigned NOT NULL,
	`link_id` bigint unsigned,
	`code_hash` varchar(64) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`failed_attempts` tinyint NOT NULL DEFAULT 0,
	`used_at` datetime(3),
	`used_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `family_link_codes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `family_links` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`senior_id` bigint unsigned NOT NULL,
	`family_id` bigint unsigned NOT NULL,
	`relation` varchar(16) NOT NULL DEFAULT '家人',
	`status` enum('pending','active','declined','revoked') NOT NULL DEFAULT 'pending',
	`requested_at` datetime(3) NOT NULL,
	`confirmed_at` datetime(3),
	`ended_at` datetime(3),
	`ended_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `family_links_id` PRIMARY KEY(`id`),
	CONSTRAINT `family_links_pair_uq` UNIQUE(`senior_id`,`family_id`)
);
--> statement-breakpoint
ALTER TABLE `care_events` ADD CONSTRAINT `care_events_request_id_care_requests_id_fk` FOREIGN KEY (`request_id`) REFERENCES `care_requests`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `care_events` ADD CONSTRAINT `care_events_actor_id_users_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `care_events` ADD CONSTRAINT `care_events_on_behalf_of_users_id_fk` FOREIGN KEY (`on_behalf_of`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `care_requests` ADD CONSTRAINT `care_requests_senior_id_users_id_fk` FOREIGN KEY (`senior_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `care_requests` ADD CONSTRAINT `care_requests_requested_by_users_id_fk` FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `care_requests` ADD CONSTRAINT `care_requests_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `care_requests` ADD CONSTRAINT `care_requests_assignee_id_users_id_fk` FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `care_requests` ADD CONSTRAINT `care_requests_accepted_by_users_id_fk` FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `care_requests` ADD CONSTRAINT `care_requests_cancelled_by_users_id_fk` FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `family_link_codes` ADD CONSTRAINT `family_link_codes_senior_id_users_id_fk` FOREIGN KEY (`senior_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `family_link_codes` ADD CONSTRAINT `family_link_codes_link_id_family_links_id_fk` FOREIGN KEY (`link_id`) REFERENCES `family_links`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `family_link_codes` ADD CONSTRAINT `family_link_codes_used_by_users_id_fk` FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `family_links` ADD CONSTRAINT `family_links_senior_id_users_id_fk` FOREIGN KEY (`senior_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `family_links` ADD CONSTRAINT `family_links_family_id_users_id_fk` FOREIGN KEY (`family_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `family_links` ADD CONSTRAINT `family_links_ended_by_users_id_fk` FOREIGN KEY (`ended_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `care_events_request_idx` ON `care_events` (`request_id`,`id`);--> statement-breakpoint
CREATE INDEX `care_requests_queue_idx` ON `care_requests` (`complex_id`,`status`,`priority`,`created_at`);--> statement-breakpoint
CREATE INDEX `care_requests_senior_idx` ON `care_requests` (`senior_id`,`id`);--> statement-breakpoint
CREATE INDEX `care_requests_assignee_idx` ON `care_requests` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `family_link_codes_senior_idx` ON `family_link_codes` (`senior_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `family_links_family_idx` ON `family_links` (`family_id`,`status`);--> statement-breakpoint
CREATE INDEX `audit_logs_on_behalf_idx` ON `audit_logs` (`on_behalf_of`,`id`);