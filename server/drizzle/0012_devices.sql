CREATE TABLE `device_alerts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`device_id` bigint unsigned NOT NULL,
	`kind` enum('smoke','door_open','temperature','offline') NOT NULL,
	`status` enum('open','acked','resolved') NOT NULL DEFAULT 'open',
	`open_key` varchar(48),
	`message` varchar(200) NOT NULL,
	`opened_at` datetime(3) NOT NULL,
	`acked_at` datetime(3),
	`acked_by` bigint unsigned,
	`resolved_at` datetime(3),
	`resolved_by` bigint unsigned,
	`resolve_note` varchar(200),
	CONSTRAINT `device_alerts_id` PRIMARY KEY(`id`),
	CONSTRAINT `device_alerts_open_uq` UNIQUE(`open_key`)
);
--> statement-breakpoint
CREATE TABLE `device_readings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`device_id` bigint unsigned NOT NULL,
	`ts` datetime(3) NOT NULL,
	`value` double NOT NULL,
	`received_at` datetime(3) NOT NULL,
	CONSTRAINT `device_readings_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `device_rejections` (
	`device_id` bigint unsigned NOT NULL,
	`reason` varchar(24) NOT NULL,
	`count` int NOT NULL DEFAULT 0,
	`last_at` datetime(3) NOT NULL,
	CONSTRAINT `device_rejections_device_id_reason_pk` PRIMARY KEY(`device_id`,`reason`)
);
--> statement-breakpoint
CREATE TABLE `device_rollups` (
	`device_id` bigint unsigned NOT NULL,
	`minute` datetime(3) NOT NULL,
	`count` int NOT NULL,
	`sum` double NOT NULL,
	`min` double NOT NULL,
	`max` double NOT NULL,
	`last` double NOT NULL,
	CONSTRAINT `device_rollups_device_id_minute_pk` PRIMARY KEY(`device_id`,`minute`)
);
--> statement-breakpoint
CREATE TABLE `device_states` (
	`device_id` bigint unsigned NOT NULL,
	`status` enum('online','offline') NOT NULL DEFAULT 'offline',
	`last_value` double,
	`last_ts` datetime(3),
	`last_seen_at` datetime(3),
	`status_changed_at` datetime(3),
	`value_since` datetime(3),
	`last_motion_at` datetime(3),
	`muted_until` datetime(3),
	`flood_flagged_at` datetime(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `device_states_device_id` PRIMARY KEY(`device_id`)
);
--> statement-breakpoint
CREATE TABLE `devices` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`space_id` bigint unsigned,
	`senior_id` bigint unsigned,
	`kind` enum('people_counter','smoke','door','temperature','elder_motion') NOT NULL,
	`name` varchar(64) NOT NULL,
	`device_key` varchar(40) NOT NULL,
	`secret_enc` varchar(200) NOT NULL,
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `devices_id` PRIMARY KEY(`id`),
	CONSTRAINT `devices_key_uq` UNIQUE(`device_key`)
);
--> statement-breakpoint
CREATE TABLE `quiet_home_watches` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`senior_id` bigint unsigned NOT NULL,
	`status` enum('off','pending_consent','active') NOT NULL DEFAULT 'off',
	`quiet_hours` tinyint NOT NULL DEFAULT 12,
	`window_start` varchar(5) NOT NULL DEFAULT '07:00',
	`window_end` varchar(5) NOT NULL DEFAULT '22:00',
	`requested_by` bigint unsigned,
	`requested_at` datetime(3),
	`consented_at` datetime(3),
	`revoked_at` datetime(3),
	`revoked_by` bigint unsigned,
	`care_request_id` bigint unsigned,
	`raised_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `quiet_home_watches_id` PRIMARY KEY(`id`),
	CONSTRAINT `quiet_home_senior_uq` UNIQUE(`senior_id`)
);
--> statement-breakpoint
ALTER TABLE `device_alerts` ADD CONSTRAINT `device_alerts_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `device_alerts` ADD CONSTRAINT `device_alerts_device_id_devices_id_fk` FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `device_alerts` ADD CONSTRAINT `device_alerts_acked_by_users_id_fk` FOREIGN KEY (`acked_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `device_alerts` ADD CONSTRAINT `device_alerts_resolved_by_users_id_fk` FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `device_rejections` ADD CONSTRAINT `device_rejections_device_id_devices_id_fk` FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `device_states` ADD CONSTRAINT `device_states_device_id_devices_id_fk` FOREIGN KEY (`device_id`) REFERENCES `devices`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `devices` ADD CONSTRAINT `devices_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `devices` ADD CONSTRAINT `devices_space_id_spaces_id_fk` FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `devices` ADD CONSTRAINT `devices_senior_id_users_id_fk` FOREIGN KEY (`senior_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `devices` ADD CONSTRAINT `devices_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `quiet_home_watches` ADD CONSTRAINT `quiet_home_watches_senior_id_users_id_fk` FOREIGN KEY (`senior_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `quiet_home_watches` ADD CONSTRAINT `quiet_home_watches_requested_by_users_id_fk` FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `quiet_home_watches` ADD CONSTRAINT `quiet_home_watches_revoked_by_users_id_fk` FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `quiet_home_watches` ADD CONSTRAINT `quiet_home_watches_care_request_id_care_requests_id_fk` FOREIGN KEY (`care_request_id`) REFERENCES `care_requests`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `device_alerts_complex_idx` ON `device_alerts` (`complex_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `device_readings_device_ts_idx` ON `device_readings` (`device_id`,`ts`);--> statement-breakpoint
CREATE INDEX `device_readings_received_idx` ON `device_readings` (`received_at`);--> statement-breakpoint
CREATE INDEX `device_rollups_minute_idx` ON `device_rollups` (`minute`);--> statement-breakpoint
CREATE INDEX `devices_complex_idx` ON `devices` (`complex_id`,`id`);--> statement-breakpoint
CREATE INDEX `devices_space_idx` ON `devices` (`space_id`,`kind`);--> statement-breakpoint
CREATE INDEX `devices_senior_idx` ON `devices` (`senior_id`);--> statement-breakpoint
CREATE INDEX `quiet_home_status_idx` ON `quiet_home_watches` (`status`);