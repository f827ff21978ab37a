CREATE TABLE `communities` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`street_id` bigint unsigned NOT NULL,
	`name` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `communities_id` PRIMARY KEY(`id`),
	CONSTRAINT `communities_street_name_uq` UNIQUE(`street_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `complexes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`street_id` bigint unsigned NOT NULL,
	`community_id` bigint unsigned,
	`name` varchar(64) NOT NULL,
	`mode` enum('flagship','star_moon','pearl_chain') NOT NULL,
	`address` varchar(200) NOT NULL,
	`lat` double NOT NULL,
	`lng` double NOT NULL,
	`opening_hours` varchar(100) NOT NULL DEFAULT '08:30-20:30',
	`hotline` varchar(32) NOT NULL DEFAULT '',
	`description` varchar(500) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `complexes_id` PRIMARY KEY(`id`),
	CONSTRAINT `complexes_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `facilities` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`name` varchar(64) NOT NULL,
	`address` varchar(200) NOT NULL,
	`lat` double NOT NULL,
	`lng` double NOT NULL,
	`is_main` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `facilities_id` PRIMARY KEY(`id`),
	CONSTRAINT `facilities_complex_name_uq` UNIQUE(`complex_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `spaces` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`facility_id` bigint unsigned,
	`name` varchar(64) NOT NULL,
	`type` enum('elderly','health','vitality','education','governance','life','charity','other') NOT NULL,
	`bookable` boolean NOT NULL DEFAULT false,
	`capacity` int NOT NULL DEFAULT 0,
	`description` varchar(300) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `spaces_id` PRIMARY KEY(`id`),
	CONSTRAINT `spaces_complex_name_uq` UNIQUE(`complex_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `streets` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(32) NOT NULL,
	`kind` enum('street','town') NOT NULL DEFAULT 'street',
	`sort_order` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `streets_id` PRIMARY KEY(`id`),
	CONSTRAINT `streets_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `service_categories` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(32) NOT NULL,
	`sort_order` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `service_categories_id` PRIMARY KEY(`id`),
	CONSTRAINT `service_categories_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `service_items` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`category_id` bigint unsigned NOT NULL,
	`name` varchar(64) NOT NULL,
	`sort_order` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `service_items_id` PRIMARY KEY(`id`),
	CONSTRAINT `service_items_category_name_uq` UNIQUE(`category_id`,`name`)
);
--> statement-breakpoint
CREATE TABLE `auth_sessions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`method` enum('wechat','dev') NOT NULL,
	`revoked_at` datetime(3),
	`revoke_reason` varchar(32),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `auth_sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `privacy_consents` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`version` varchar(16) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `privacy_consents_id` PRIMARY KEY(`id`),
	CONSTRAINT `privacy_consents_user_version_uq` UNIQUE(`user_id`,`version`)
);
--> statement-breakpoint
CREATE TABLE `refresh_tokens` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`session_id` bigint unsigned NOT NULL,
	`token_hash` char(64) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`used_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `refresh_tokens_id` PRIMARY KEY(`id`),
	CONSTRAINT `refresh_tokens_hash_uq` UNIQUE(`token_hash`)
);
--> statement-breakpoint
CREATE TABLE `staff_complexes` (
	`user_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `staff_complexes_user_id_complex_id_pk` PRIMARY KEY(`user_id`,`complex_id`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`role` enum('resident','worker','branch_admin','district_admin') NOT NULL DEFAULT 'resident',
	`nickname` varchar(32) NOT NULL DEFAULT '',
	`real_name` varchar(32),
	`openid` varchar(64),
	`unionid` varchar(64),
	`phone_hash` char(64),
	`phone_enc` varchar(200),
	`phone_masked` varchar(16),
	`birth_date` date,
	`elder_mode` boolean NOT NULL DEFAULT false,
	`elder_mode_offered` boolean NOT NULL DEFAULT false,
	`address` varchar(200),
	`home_complex_id` bigint unsigned,
	`disabled` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_openid_uq` UNIQUE(`openid`),
	CONSTRAINT `users_phone_hash_uq` UNIQUE(`phone_hash`)
);
--> statement-breakpoint
CREATE TABLE `branch_complexes` (
	`branch_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `branch_complexes_branch_id_complex_id_pk` PRIMARY KEY(`branch_id`,`complex_id`)
);
--> statement-breakpoint
CREATE TABLE `branch_members` (
	`user_id` bigint unsigned NOT NULL,
	`branch_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `branch_members_user_id_branch_id_pk` PRIMARY KEY(`user_id`,`branch_id`)
);
--> statement-breakpoint
CREATE TABLE `branches` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(100) NOT NULL,
	`department` varchar(64) NOT NULL,
	`secretary` varchar(32) NOT NULL DEFAULT '',
	`contact` varchar(32) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `branches_id` PRIMARY KEY(`id`),
	CONSTRAINT `branches_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `audit_logs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`actor_id` bigint unsigned,
	`on_behalf_of` bigint unsigned,
	`action` varchar(64) NOT NULL,
	`target_type` varchar(32),
	`target_id` varchar(64),
	`detail` text,
	`ip` varchar(64),
	`request_id` varchar(64),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `audit_logs_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`idem_key` varchar(128) NOT NULL,
	`scope` varchar(160) NOT NULL,
	`state` enum('pending','done') NOT NULL DEFAULT 'pending',
	`response_status` int,
	`response_body` text,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `idempotency_keys_id` PRIMARY KEY(`id`),
	CONSTRAINT `idempotency_user_key_uq` UNIQUE(`user_id`,`idem_key`)
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`kind` varchar(32) NOT NULL,
	`title` varchar(100) NOT NULL,
	`body` varchar(500) NOT NULL DEFAULT '',
	`link` varchar(200),
	`read_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `notifications_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `points_accounts` (
	`user_id` bigint unsigned NOT NULL,
	`balance` int NOT NULL DEFAULT 0,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_accounts_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `points_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`delta` int NOT NULL,
	`reason` varchar(32) NOT NULL,
	`source` varchar(100) NOT NULL,
	`description` varchar(200) NOT NULL,
	`balance_after` int NOT NULL,
	`actor_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `points_entries_reason_source_user_uq` UNIQUE(`reason`,`source`,`user_id`)
);
--> statement-breakpoint
ALTER TABLE `communities` ADD CONSTRAINT `communities_street_id_streets_id_fk` FOREIGN KEY (`street_id`) REFERENCES `streets`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `complexes` ADD CONSTRAINT `complexes_street_id_streets_id_fk` FOREIGN KEY (`street_id`) REFERENCES `streets`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `complexes` ADD CONSTRAINT `complexes_community_id_communities_id_fk` FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `facilities` ADD CONSTRAINT `facilities_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `spaces` ADD CONSTRAINT `spaces_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `spaces` ADD CONSTRAINT `spaces_facility_id_facilities_id_fk` FOREIGN KEY (`facility_id`) REFERENCES `facilities`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `service_items` ADD CONSTRAINT `service_items_category_id_service_categories_id_fk` FOREIGN KEY (`category_id`) REFERENCES `service_categories`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `auth_sessions` ADD CONSTRAINT `auth_sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `privacy_consents` ADD CONSTRAINT `privacy_consents_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `refresh_tokens` ADD CONSTRAINT `refresh_tokens_session_id_auth_sessions_id_fk` FOREIGN KEY (`session_id`) REFERENCES `auth_sessions`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `staff_complexes` ADD CONSTRAINT `staff_complexes_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `staff_complexes` ADD CONSTRAINT `staff_complexes_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `users` ADD CONSTRAINT `users_home_complex_id_complexes_id_fk` FOREIGN KEY (`home_complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_complexes` ADD CONSTRAINT `branch_complexes_branch_id_branches_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_complexes` ADD CONSTRAINT `branch_complexes_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_members` ADD CONSTRAINT `branch_members_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_members` ADD CONSTRAINT `branch_members_branch_id_branches_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `audit_logs` ADD CONSTRAINT `audit_logs_actor_id_users_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `audit_logs` ADD CONSTRAINT `audit_logs_on_behalf_of_users_id_fk` FOREIGN KEY (`on_behalf_of`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `idempotency_keys` ADD CONSTRAINT `idempotency_keys_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_accounts` ADD CONSTRAINT `points_accounts_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_entries` ADD CONSTRAINT `points_entries_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_entries` ADD CONSTRAINT `points_entries_actor_id_users_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `complexes_street_idx` ON `complexes` (`street_id`);--> statement-breakpoint
CREATE INDEX `facilities_lat_lng_idx` ON `facilities` (`lat`,`lng`);--> statement-breakpoint
CREATE INDEX `spaces_facility_idx` ON `spaces` (`facility_id`);--> statement-breakpoint
CREATE INDEX `auth_sessions_user_idx` ON `auth_sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `refresh_tokens_session_idx` ON `refresh_tokens` (`session_id`);--> statement-breakpoint
CREATE INDEX `staff_complexes_complex_idx` ON `staff_complexes` (`complex_id`);--> statement-breakpoint
CREATE INDEX `branch_complexes_complex_idx` ON `branch_complexes` (`complex_id`);--> statement-breakpoint
CREATE INDEX `branch_members_branch_idx` ON `branch_members` (`branch_id`);--> statement-breakpoint
CREATE INDEX `audit_logs_actor_idx` ON `audit_logs` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_logs_target_idx` ON `audit_logs` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `points_entries_user_idx` ON `points_entries` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `points_entries_user_reason_time_idx` ON `points_entries` (`user_id`,`reason`,`created_at`);