CREATE TABLE `activities` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`space_id` bigint unsigned,
	`organizer_branch_id` bigint unsigned,
	`service_item_id` bigint unsigned,
	`created_by` bigint unsigned NOT NULL,
	`title` varchar(60) NOT NULL,
	`description` varchar(2000) NOT NULL DEFAULT '',
	`category` varchar(16) NOT NULL DEFAULT '其他',
	`audience_note` varchar(60) NOT NULL DEFAULT '',
	`elder_friendly` boolean NOT NULL DEFAULT false,
	`location` varchar(100) NOT NULL DEFAULT '',
	`start_at` datetime(3) NOT NULL,
	`end_at` datetime(3) NOT NULL,
	`capacity` int NOT NULL,
	`booked_count` int NOT NULL DEFAULT 0,
	`waitlist_capacity` int NOT NULL DEFAULT 0,
	`waitlist_count` int NOT NULL DEFAULT 0,
	`booking_opens_at` datetime(3),
	`booking_closes_at` datetime(3),
	`cancel_deadline_minutes` int NOT NULL DEFAULT 120,
	`points_reward` int NOT NULL DEFAULT 0,
	`volunteers_needed` int NOT NULL DEFAULT 0,
	`status` enum('draft','published','cancelled','finished') NOT NULL DEFAULT 'published',
	`settled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `activities_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `bookings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`activity_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`status` enum('booked','waitlisted','cancelled','checked_in','no_show') NOT NULL,
	`active_flag` tinyint,
	`waitlist_seq` int,
	`booked_by` bigint unsigned,
	`checked_in_at` datetime(3),
	`checked_in_by` bigint unsigned,
	`cancelled_at` datetime(3),
	`cancel_reason` varchar(100),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `bookings_id` PRIMARY KEY(`id`),
	CONSTRAINT `bookings_active_uq` UNIQUE(`activity_id`,`user_id`,`active_flag`)
);
--> statement-breakpoint
ALTER TABLE `activities` ADD CONSTRAINT `activities_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `activities` ADD CONSTRAINT `activities_space_id_spaces_id_fk` FOREIGN KEY (`space_id`) REFERENCES `spaces`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `activities` ADD CONSTRAINT `activities_organizer_branch_id_branches_id_fk` FOREIGN KEY (`organizer_branch_id`) REFERENCES `branches`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `activities` ADD CONSTRAINT `activities_service_item_id_service_items_id_fk` FOREIGN KEY (`service_item_id`) REFERENCES `service_items`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `activities` ADD CONSTRAINT `activities_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_activity_id_activities_id_fk` FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_booked_by_users_id_fk` FOREIGN KEY (`booked_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `bookings` ADD CONSTRAINT `bookings_checked_in_by_users_id_fk` FOREIGN KEY (`checked_in_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `activities_complex_start_idx` ON `activities` (`complex_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `activities_start_idx` ON `activities` (`start_at`,`id`);--> statement-breakpoint
CREATE INDEX `activities_branch_start_idx` ON `activities` (`organizer_branch_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `bookings_user_idx` ON `bookings` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `bookings_activity_status_idx` ON `bookings` (`activity_id`,`status`,`waitlist_seq`);