CREATE TABLE `booking_suspensions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`no_shows` int NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `booking_suspensions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `slot_bookings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`slot_id` bigint unsigned NOT NULL,
	`space_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`status` enum('booked','cancelled','checked_in','no_show') NOT NULL,
	`active_flag` tinyint,
	`starts_at` datetime(3) NOT NULL,
	`ends_at` datetime(3) NOT NULL,
	`day` varchar(10) NOT NULL,
	`checked_in_at` datetime(3),
	`checked_in_by` bigint unsigned,
	`cancelled_at` datetime(3),
	`cancel_reason` varchar(100),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `slot_bookings_id` PRIMARY KEY(`id`),
	CONSTRAINT `slot_bookings_active_uq` UNIQUE(`slot_id`,`user_id`,`active_flag`)
);
--> statement-breakpoint
CREATE TABLE `space_blackouts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`space_id` bigint unsigned NOT NULL,
	`day` varchar(10) NOT NULL,
	`reason` varchar(60) NOT NULL DEFAULT '',
	`created_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `space_blackouts_id` PRIMARY KEY(`id`),
	CONSTRAINT `space_blackouts_space_day_uq` UNIQUE(`space_id`,`day`)
);
--> statement-breakpoint
CREATE TABLE `space_rules` (
	`space_id` bigint unsigned NOT NULL,
	`weekly_hours` text NOT NULL,
	`slot_minutes` int NOT NULL DEFAULT 60,
	`capacity_per_slot` int NOT NULL,
	`days_ahead` int NOT NULL DEFAULT 7,
	`per_user_per_day` int NOT NULL DEFAULT 2,
	`per_user_per_week` int NOT NULL DEFAULT 5,
	`cancel_deadline_minutes` int NOT NULL DEFAULT 30,
	`enabled` boolean NOT NULL DEFAULT true,
	`updated_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `space_rules_space_id` PRIMARY KEY(`space_id`)
);
--> statement-breakpoint
CREATE TABLE `space_slots` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`space_id` bigint unsigned NOT NULL,
	`start_at` datetime(3) NOT NULL,
	`end_at` datetime(3) NOT NULL,
	`day` varchar(10) NOT NULL,
	`capacity` int NOT NULL,
	`booked_count` int NOT NULL DEFAULT 0,
	`settled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `space_slots_id` PRIMARY KEY(`id`),
	CONSTRAINT `space_slots_space_start_uq` UNIQUE(`space_id`,`start_at`)
);
--> statement-breakpoint
DROP INDEX `bookings_activity_status_idx` ON `bookings`;--> statement-breakpoint
ALTER TABLE `bookings` ADD `ends_at` datetime(3) NOT NULL;--> statement-breakpoint
ALTER TABLE `booking_suspensions` ADD CONSTRAINT `booking_suspensions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `slot_bookings` ADD CONSTRAINT `slot_bookings_slot_id_space_slots_id_fk` FOREIGN KEY (`slot_id`) REFERENCES `space_slots`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `slot_bookings` ADD CONSTRAINT `slot_bookings_space_id_spaces_id_fk` FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `slot_bookings` ADD CONSTRAINT `slot_bookings_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `slot_bookings` ADD CONSTRAINT `slot_bookings_checked_in_by_users_id_fk` FOREIGN KEY (`checked_in_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `space_blackouts` ADD CONSTRAINT `space_blackouts_space_id_spaces_id_fk` FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `space_blackouts` ADD CONSTRAINT `space_blackouts_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `space_rules` ADD CONSTRAINT `space_rules_space_id_spaces_id_fk` FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `space_rules` ADD CONSTRAINT `space_rules_updated_by_users_id_fk` FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `space_slots` ADD CONSTRAINT `space_slots_space_id_spaces_id_fk` FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `booking_suspensions_user_idx` ON `booking_suspensions` (`user_id`,`ends_at`);--> statement-breakpoint
CREATE INDEX `slot_bookings_user_day_idx` ON `slot_bookings` (`user_id`,`active_flag`,`day`);--> statement-breakpoint
CREATE INDEX `slot_bookings_user_status_idx` ON `slot_bookings` (`user_id`,`status`,`ends_at`);--> statement-breakpoint
CREATE INDEX `slot_bookings_status_ends_idx` ON `slot_bookings` (`status`,`ends_at`);--> statement-breakpoint
CREATE INDEX `slot_bookings_space_start_idx` ON `slot_bookings` (`space_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `space_slots_end_idx` ON `space_slots` (`end_at`);--> statement-breakpoint
CREATE INDEX `bookings_user_active_idx` ON `bookings` (`user_id`,`active_flag`,`ends_at`);--> statement-breakpoint
CREATE INDEX `bookings_user_status_idx` ON `bookings` (`user_id`,`status`,`ends_at`);--> statement-breakpoint
CREATE INDEX `bookings_status_ends_idx` ON `bookings` (`status`,`ends_at`);--> statement-breakpoint
CREATE INDEX `bookings_activity_status_idx` ON `bookings` (`activity_id`,`status`,`id`);--> statement-breakpoint
-- dropped last: MySQL/MariaDB keep an index that a foreign key needs until another one covers user_id
DROP INDEX `bookings_user_idx` ON `bookings`;