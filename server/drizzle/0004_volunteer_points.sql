CREATE TABLE `points_caps` (
	`reason` varchar(32) NOT NULL,
	`daily_cap` int,
	`updated_by` bigint unsigned,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_caps_reason` PRIMARY KEY(`reason`)
);
--> statement-breakpoint
CREATE TABLE `volunteer_complexes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`volunteer_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`status` enum('pending','approved','declined') NOT NULL DEFAULT 'pending',
	`decision_reason` varchar(200),
	`decided_by` bigint unsigned,
	`decided_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `volunteer_complexes_id` PRIMARY KEY(`id`),
	CONSTRAINT `volunteer_complexes_uq` UNIQUE(`volunteer_id`,`complex_id`)
);
--> statement-breakpoint
CREATE TABLE `volunteer_posts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`activity_id` bigint unsigned,
	`organizer_branch_id` bigint unsigned,
	`created_by` bigint unsigned NOT NULL,
	`title` varchar(60) NOT NULL,
	`description` varchar(2000) NOT NULL DEFAULT '',
	`location` varchar(100) NOT NULL DEFAULT '',
	`start_at` datetime(3) NOT NULL,
	`end_at` datetime(3) NOT NULL,
	`positions` int NOT NULL,
	`signed_up_count` int NOT NULL DEFAULT 0,
	`skills` text NOT NULL,
	`points_per_hour` int NOT NULL DEFAULT 10,
	`status` enum('published','cancelled') NOT NULL DEFAULT 'published',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `volunteer_posts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `volunteer_signups` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`post_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`status` enum('signed_up','cancelled','checked_in','checked_out','approved') NOT NULL DEFAULT 'signed_up',
	`checked_in_at` datetime(3),
	`checked_in_by` bigint unsigned,
	`checked_out_at` datetime(3),
	`checked_out_by` bigint unsigned,
	`present_minutes` int,
	`approved_minutes` int,
	`adjust_reason` varchar(200),
	`approved_by` bigint unsigned,
	`approved_at` datetime(3),
	`points_awarded` int,
	`cancelled_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `volunteer_signups_id` PRIMARY KEY(`id`),
	CONSTRAINT `volunteer_signups_post_user_uq` UNIQUE(`post_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `volunteers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`real_name` varchar(32) NOT NULL,
	`skills` text NOT NULL,
	`agreement_version` varchar(16) NOT NULL,
	`agreed_at` datetime(3) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `volunteers_id` PRIMARY KEY(`id`),
	CONSTRAINT `volunteers_user_uq` UNIQUE(`user_id`)
);
--> statement-breakpoint
CREATE TABLE `redemptions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`reward_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`points_cost` int NOT NULL,
	`status` enum('pending','fulfilled','cancelled') NOT NULL DEFAULT 'pending',
	`short_code` char(8) NOT NULL,
	`fulfilled_at` datetime(3),
	`fulfilled_by` bigint unsigned,
	`cancelled_at` datetime(3),
	`cancelled_by` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `redemptions_id` PRIMARY KEY(`id`),
	CONSTRAINT `redemptions_short_code_uq` UNIQUE(`short_code`)
);
--> statement-breakpoint
CREATE TABLE `rewards` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`kind` enum('service','goods') NOT NULL,
	`name` varchar(60) NOT NULL,
	`description` varchar(500) NOT NULL DEFAULT '',
	`points_cost` int NOT NULL,
	`stock` int NOT NULL,
	`per_user_limit` int NOT NULL DEFAULT 1,
	`valid_from` datetime(3),
	`valid_until` datetime(3),
	`status` enum('active','archived') NOT NULL DEFAULT 'active',
	`created_by` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `rewards_id` PRIMARY KEY(`id`),
	CONSTRAINT `rewards_complex_name_uq` UNIQUE(`complex_id`,`name`)
);
--> statement-breakpoint
ALTER TABLE `points_entries` ADD `complex_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `points_caps` ADD CONSTRAINT `points_caps_updated_by_users_id_fk` FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_complexes` ADD CONSTRAINT `volunteer_complexes_volunteer_id_volunteers_id_fk` FOREIGN KEY (`volunteer_id`) REFERENCES `volunteers`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_complexes` ADD CONSTRAINT `volunteer_complexes_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_complexes` ADD CONSTRAINT `volunteer_complexes_decided_by_users_id_fk` FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_posts` ADD CONSTRAINT `volunteer_posts_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_posts` ADD CONSTRAINT `volunteer_posts_activity_id_activities_id_fk` FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_posts` ADD CONSTRAINT `volunteer_posts_organizer_branch_id_branches_id_fk` FOREIGN KEY (`organizer_branch_id`) REFERENCES `branches`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_posts` ADD CONSTRAINT `volunteer_posts_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_signups` ADD CONSTRAINT `volunteer_signups_post_id_volunteer_posts_id_fk` FOREIGN KEY (`post_id`) REFERENCES `volunteer_posts`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_signups` ADD CONSTRAINT `volunteer_signups_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_signups` ADD CONSTRAINT `volunteer_signups_checked_in_by_users_id_fk` FOREIGN KEY (`checked_in_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_signups` ADD CONSTRAINT `volunteer_signups_checked_out_by_users_id_fk` FOREIGN KEY (`checked_out_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteer_signups` ADD CONSTRAINT `volunteer_signups_approved_by_users_id_fk` FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `volunteers` ADD CONSTRAINT `volunteers_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `redemptions` ADD CONSTRAINT `redemptions_reward_id_rewards_id_fk` FOREIGN KEY (`reward_id`) REFERENCES `rewards`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `redemptions` ADD CONSTRAINT `redemptions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `redemptions` ADD CONSTRAINT `redemptions_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `redemptions` ADD CONSTRAINT `redemptions_fulfilled_by_users_id_fk` FOREIGN KEY (`fulfilled_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `redemptions` ADD CONSTRAINT `redemptions_cancelled_by_users_id_fk` FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `rewards` ADD CONSTRAINT `rewards_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `rewards` ADD CONSTRAINT `rewards_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `volunteer_complexes_complex_status_idx` ON `volunteer_complexes` (`complex_id`,`status`);--> statement-breakpoint
CREATE INDEX `volunteer_posts_complex_start_idx` ON `volunteer_posts` (`complex_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `volunteer_posts_start_idx` ON `volunteer_posts` (`start_at`,`id`);--> statement-breakpoint
CREATE INDEX `volunteer_signups_user_idx` ON `volunteer_signups` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `volunteer_signups_post_status_idx` ON `volunteer_signups` (`post_id`,`status`);--> statement-breakpoint
CREATE INDEX `redemptions_user_reward_idx` ON `redemptions` (`user_id`,`reward_id`,`status`);--> statement-breakpoint
CREATE INDEX `redemptions_user_idx` ON `redemptions` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `rewards_complex_status_idx` ON `rewards` (`complex_id`,`status`);--> statement-breakpoint
ALTER TABLE `points_entries` ADD CONSTRAINT `points_entries_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `points_entries_time_idx` ON `points_entries` (`created_at`);