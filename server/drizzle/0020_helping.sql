CREATE TABLE `points_holds` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`amount` int NOT NULL,
	`source` varchar(100) NOT NULL,
	`status` enum('held','released','settled') NOT NULL DEFAULT 'held',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`closed_at` datetime(3),
	CONSTRAINT `points_holds_id` PRIMARY KEY(`id`),
	CONSTRAINT `points_holds_source_user_uq` UNIQUE(`source`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `points_pool_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`delta` int NOT NULL,
	`reason` enum('donation','grant') NOT NULL,
	`source` varchar(100) NOT NULL,
	`description` varchar(200) NOT NULL,
	`balance_after` int NOT NULL,
	`user_id` bigint unsigned,
	`actor_id` bigint unsigned,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_pool_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `points_pool_entries_source_uq` UNIQUE(`complex_id`,`reason`,`source`)
);
--> statement-breakpoint
CREATE TABLE `points_pools` (
	`complex_id` bigint unsigned NOT NULL,
	`balance` int NOT NULL DEFAULT 0,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_pools_complex_id` PRIMARY KEY(`complex_id`)
);
--> statement-breakpoint
CREATE TABLE `points_transfers` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`from_user_id` bigint unsigned NOT NULL,
	`to_user_id` bigint unsigned,
	`pool_complex_id` bigint unsigned,
	`points` int NOT NULL,
	`note` varchar(100) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `points_transfers_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `help_ratings` (
	`request_id` bigint unsigned NOT NULL,
	`rater_id` bigint unsigned NOT NULL,
	`ratee_id` bigint unsigned NOT NULL,
	`stars` int NOT NULL,
	`comment` varchar(200) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `help_ratings_request_id_rater_id_pk` PRIMARY KEY(`request_id`,`rater_id`)
);
--> statement-breakpoint
CREATE TABLE `help_requests` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`requester_id` bigint unsigned NOT NULL,
	`posted_by` bigint unsigned NOT NULL,
	`category` enum('escort','errand','company','phone_help','repair','other') NOT NULL,
	`title` varchar(40) NOT NULL,
	`detail` varchar(500) NOT NULL DEFAULT '',
	`rough_place` varchar(60) NOT NULL,
	`address` varchar(200) NOT NULL,
	`lat` double NOT NULL,
	`lng` double NOT NULL,
	`from_at` datetime(3) NOT NULL,
	`to_at` datetime(3) NOT NULL,
	`points` int NOT NULL,
	`status` enum('open','taken','matched','done','cancelled','expired','disputed') NOT NULL DEFAULT 'open',
	`hold_id` bigint unsigned,
	`helper_id` bigint unsigned,
	`taken_at` datetime(3),
	`matched_at` datetime(3),
	`done_at` datetime(3),
	`closed_at` datetime(3),
	`cancel_asked_by` bigint unsigned,
	`disputed_by` bigint unsigned,
	`dispute_reason` varchar(300),
	`decision` enum('pay_helper','refund'),
	`decision_note` varchar(300),
	`decided_by` bigint unsigned,
	`helper_no_show` boolean NOT NULL DEFAULT false,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `help_requests_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `points_accounts` ADD `held` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `points_holds` ADD CONSTRAINT `points_holds_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_pool_entries` ADD CONSTRAINT `points_pool_entries_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_pool_entries` ADD CONSTRAINT `points_pool_entries_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_pool_entries` ADD CONSTRAINT `points_pool_entries_actor_id_users_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_pools` ADD CONSTRAINT `points_pools_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_transfers` ADD CONSTRAINT `points_transfers_from_user_id_users_id_fk` FOREIGN KEY (`from_user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_transfers` ADD CONSTRAINT `points_transfers_to_user_id_users_id_fk` FOREIGN KEY (`to_user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `points_transfers` ADD CONSTRAINT `points_transfers_pool_complex_id_complexes_id_fk` FOREIGN KEY (`pool_complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_ratings` ADD CONSTRAINT `help_ratings_request_id_help_requests_id_fk` FOREIGN KEY (`request_id`) REFERENCES `help_requests`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_ratings` ADD CONSTRAINT `help_ratings_rater_id_users_id_fk` FOREIGN KEY (`rater_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_ratings` ADD CONSTRAINT `help_ratings_ratee_id_users_id_fk` FOREIGN KEY (`ratee_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_requests` ADD CONSTRAINT `help_requests_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_requests` ADD CONSTRAINT `help_requests_requester_id_users_id_fk` FOREIGN KEY (`requester_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_requests` ADD CONSTRAINT `help_requests_posted_by_users_id_fk` FOREIGN KEY (`posted_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_requests` ADD CONSTRAINT `help_requests_hold_id_points_holds_id_fk` FOREIGN KEY (`hold_id`) REFERENCES `points_holds`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_requests` ADD CONSTRAINT `help_requests_helper_id_users_id_fk` FOREIGN KEY (`helper_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_requests` ADD CONSTRAINT `help_requests_cancel_asked_by_users_id_fk` FOREIGN KEY (`cancel_asked_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_requests` ADD CONSTRAINT `help_requests_disputed_by_users_id_fk` FOREIGN KEY (`disputed_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `help_requests` ADD CONSTRAINT `help_requests_decided_by_users_id_fk` FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `points_holds_user_status_idx` ON `points_holds` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `points_pool_entries_complex_idx` ON `points_pool_entries` (`complex_id`,`id`);--> statement-breakpoint
CREATE INDEX `points_transfers_from_idx` ON `points_transfers` (`from_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `points_transfers_to_idx` ON `points_transfers` (`to_user_id`);--> statement-breakpoint
CREATE INDEX `help_ratings_ratee_idx` ON `help_ratings` (`ratee_id`);--> statement-breakpoint
CREATE INDEX `help_requests_complex_status_idx` ON `help_requests` (`complex_id`,`status`,`from_at`);--> statement-breakpoint
CREATE INDEX `help_requests_status_to_idx` ON `help_requests` (`status`,`to_at`);--> statement-breakpoint
CREATE INDEX `help_requests_requester_idx` ON `help_requests` (`requester_id`,`id`);--> statement-breakpoint
CREATE INDEX `help_requests_helper_idx` ON `help_requests` (`helper_id`,`id`);