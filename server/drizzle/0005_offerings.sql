CREATE TABLE `offering_records` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`activity_id` bigint unsigned NOT NULL,
	`branch_id` bigint unsigned NOT NULL,
	`people_served` int NOT NULL,
	`notes` varchar(500) NOT NULL DEFAULT '',
	`recorded_by` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `offering_records_id` PRIMARY KEY(`id`),
	CONSTRAINT `offering_records_activity_uq` UNIQUE(`activity_id`)
);
--> statement-breakpoint
ALTER TABLE `offering_records` ADD CONSTRAINT `offering_records_activity_id_activities_id_fk` FOREIGN KEY (`activity_id`) REFERENCES `activities`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `offering_records` ADD CONSTRAINT `offering_records_branch_id_branches_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `offering_records` ADD CONSTRAINT `offering_records_recorded_by_users_id_fk` FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `offering_records_branch_idx` ON `offering_records` (`branch_id`);