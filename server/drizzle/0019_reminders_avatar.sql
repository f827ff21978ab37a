CREATE TABLE `booking_reminders` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`target` enum('activity','slot') NOT NULL,
	`booking_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`kind` enum('day_before','hour_before','promoted') NOT NULL,
	`starts_at` datetime(3) NOT NULL,
	`page` varchar(200) NOT NULL,
	`message` text NOT NULL,
	`pushed_at` datetime(3),
	`push_outcome` varchar(16),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `booking_reminders_id` PRIMARY KEY(`id`),
	CONSTRAINT `booking_reminders_uq` UNIQUE(`target`,`booking_id`,`kind`,`starts_at`)
);
--> statement-breakpoint
ALTER TABLE `users` ADD `avatar` varchar(16);--> statement-breakpoint
ALTER TABLE `booking_reminders` ADD CONSTRAINT `booking_reminders_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `booking_reminders_push_idx` ON `booking_reminders` (`pushed_at`,`created_at`);