CREATE TABLE `dashboard_daily` (
	`complex_id` bigint unsigned NOT NULL,
	`day` varchar(10) NOT NULL,
	`bookings` int NOT NULL DEFAULT 0,
	`check_ins` int NOT NULL DEFAULT 0,
	`residents_served` int NOT NULL DEFAULT 0,
	`volunteer_minutes` int NOT NULL DEFAULT 0,
	`opinions` int NOT NULL DEFAULT 0,
	`care_requests` int NOT NULL DEFAULT 0,
	`satisfaction_sum` int NOT NULL DEFAULT 0,
	`satisfaction_count` int NOT NULL DEFAULT 0,
	`accept_measured` int NOT NULL DEFAULT 0,
	`accept_on_time` int NOT NULL DEFAULT 0,
	`reply_measured` int NOT NULL DEFAULT 0,
	`reply_on_time` int NOT NULL DEFAULT 0,
	`resolved` int NOT NULL DEFAULT 0,
	`first_response_hours` text NOT NULL,
	`branch_sessions` int NOT NULL DEFAULT 0,
	`refreshed_at` datetime(3) NOT NULL,
	CONSTRAINT `dashboard_daily_complex_id_day_pk` PRIMARY KEY(`complex_id`,`day`)
);
--> statement-breakpoint
CREATE TABLE `dashboard_index_weights` (
	`term_key` varchar(32) NOT NULL,
	`weight` decimal(6,4) NOT NULL,
	`updated_by` bigint unsigned,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `dashboard_index_weights_term_key` PRIMARY KEY(`term_key`)
);
--> statement-breakpoint
CREATE TABLE `dashboard_refresh_state` (
	`id` int NOT NULL,
	`last_run_at` datetime(3) NOT NULL,
	`last_clock_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `dashboard_refresh_state_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `hot_topic_daily` (
	`complex_id` bigint unsigned NOT NULL,
	`day` varchar(10) NOT NULL,
	`visibility` enum('public','private') NOT NULL,
	`term` varchar(32) NOT NULL,
	`weight` int NOT NULL,
	`opinions` int NOT NULL,
	CONSTRAINT `hot_topic_daily_complex_id_day_visibility_term_pk` PRIMARY KEY(`complex_id`,`day`,`visibility`,`term`)
);
--> statement-breakpoint
CREATE TABLE `opinion_terms` (
	`opinion_id` bigint unsigned NOT NULL,
	`terms` text NOT NULL,
	CONSTRAINT `opinion_terms_opinion_id` PRIMARY KEY(`opinion_id`)
);
--> statement-breakpoint
ALTER TABLE `dashboard_daily` ADD CONSTRAINT `dashboard_daily_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `dashboard_index_weights` ADD CONSTRAINT `dashboard_index_weights_updated_by_users_id_fk` FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `hot_topic_daily` ADD CONSTRAINT `hot_topic_daily_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinion_terms` ADD CONSTRAINT `opinion_terms_opinion_id_opinions_id_fk` FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `dashboard_daily_day_idx` ON `dashboard_daily` (`day`);--> statement-breakpoint
CREATE INDEX `hot_topic_daily_day_idx` ON `hot_topic_daily` (`day`,`complex_id`);--> statement-breakpoint
CREATE INDEX `bookings_updated_idx` ON `bookings` (`updated_at`);--> statement-breakpoint
CREATE INDEX `opinions_updated_idx` ON `opinions` (`updated_at`);