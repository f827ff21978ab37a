CREATE TABLE `branch_commitment_items` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`commitment_id` bigint unsigned NOT NULL,
	`catalog_item_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`target_sessions` int NOT NULL,
	`target_residents` int NOT NULL DEFAULT 0,
	CONSTRAINT `branch_commitment_items_id` PRIMARY KEY(`id`),
	CONSTRAINT `branch_commitment_items_uq` UNIQUE(`commitment_id`,`catalog_item_id`,`complex_id`)
);
--> statement-breakpoint
CREATE TABLE `branch_commitments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`branch_id` bigint unsigned NOT NULL,
	`year` smallint NOT NULL,
	`status` enum('submitted','approved') NOT NULL DEFAULT 'submitted',
	`filed_by` bigint unsigned NOT NULL,
	`approved_by` bigint unsigned,
	`approved_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `branch_commitments_id` PRIMARY KEY(`id`),
	CONSTRAINT `branch_commitments_uq` UNIQUE(`branch_id`,`year`)
);
--> statement-breakpoint
CREATE TABLE `departments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(64) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `departments_id` PRIMARY KEY(`id`),
	CONSTRAINT `departments_name_uq` UNIQUE(`name`)
);
--> statement-breakpoint
CREATE TABLE `project_followers` (
	`project_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`origin` enum('source','self') NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `project_followers_project_id_user_id_pk` PRIMARY KEY(`project_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `project_milestones` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`project_id` bigint unsigned NOT NULL,
	`seq` smallint NOT NULL,
	`title` varchar(60) NOT NULL,
	`due_date` date NOT NULL,
	`done_at` datetime(3),
	`done_by` bigint unsigned,
	`overdue_flagged_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `project_milestones_id` PRIMARY KEY(`id`),
	CONSTRAINT `project_milestones_seq_uq` UNIQUE(`project_id`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `project_notices` (
	`project_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`notice_key` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `project_notices_project_id_user_id_notice_key_pk` PRIMARY KEY(`project_id`,`user_id`,`notice_key`)
);
--> statement-breakpoint
CREATE TABLE `project_ratings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`project_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`stars` tinyint NOT NULL,
	`comment` varchar(500) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `project_ratings_id` PRIMARY KEY(`id`),
	CONSTRAINT `project_ratings_uq` UNIQUE(`project_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `project_sources` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`project_id` bigint unsigned NOT NULL,
	`source_type` enum('opinion','agenda_item','vote') NOT NULL,
	`source_id` bigint unsigned NOT NULL,
	`title` varchar(100) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `project_sources_id` PRIMARY KEY(`id`),
	CONSTRAINT `project_sources_uq` UNIQUE(`source_type`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `project_update_photos` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`update_id` bigint unsigned NOT NULL,
	`seq` tinyint NOT NULL,
	`mime` varchar(16) NOT NULL,
	`bytes` int NOT NULL,
	`file_name` varchar(100) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `project_update_photos_id` PRIMARY KEY(`id`),
	CONSTRAINT `project_update_photos_seq_uq` UNIQUE(`update_id`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `project_updates` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`project_id` bigint unsigned NOT NULL,
	`author_id` bigint unsigned NOT NULL,
	`text` varchar(1000) NOT NULL,
	`photo_count` tinyint NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `project_updates_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`title` varchar(60) NOT NULL,
	`status` enum('planned','in_progress','done','shelved') NOT NULL DEFAULT 'planned',
	`shelved_reason` varchar(200),
	`visibility` enum('public','private') NOT NULL DEFAULT 'public',
	`owner_type` enum('worker','branch','department') NOT NULL,
	`owner_user_id` bigint unsigned,
	`owner_branch_id` bigint unsigned,
	`owner_department_id` bigint unsigned,
	`due_date` date NOT NULL,
	`created_by` bigint unsigned NOT NULL,
	`started_at` datetime(3),
	`completed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `projects_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `branch_commitment_items` ADD CONSTRAINT `branch_commitment_items_commitment_id_branch_commitments_id_fk` FOREIGN KEY (`commitment_id`) REFERENCES `branch_commitments`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_commitment_items` ADD CONSTRAINT `branch_commitment_items_catalog_item_id_service_items_id_fk` FOREIGN KEY (`catalog_item_id`) REFERENCES `service_items`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_commitment_items` ADD CONSTRAINT `branch_commitment_items_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_commitments` ADD CONSTRAINT `branch_commitments_branch_id_branches_id_fk` FOREIGN KEY (`branch_id`) REFERENCES `branches`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_commitments` ADD CONSTRAINT `branch_commitments_filed_by_users_id_fk` FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `branch_commitments` ADD CONSTRAINT `branch_commitments_approved_by_users_id_fk` FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_followers` ADD CONSTRAINT `project_followers_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_followers` ADD CONSTRAINT `project_followers_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_milestones` ADD CONSTRAINT `project_milestones_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_milestones` ADD CONSTRAINT `project_milestones_done_by_users_id_fk` FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_notices` ADD CONSTRAINT `project_notices_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_notices` ADD CONSTRAINT `project_notices_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_ratings` ADD CONSTRAINT `project_ratings_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_ratings` ADD CONSTRAINT `project_ratings_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_ratings` ADD CONSTRAINT `project_ratings_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_sources` ADD CONSTRAINT `project_sources_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_update_photos` ADD CONSTRAINT `project_update_photos_update_id_project_updates_id_fk` FOREIGN KEY (`update_id`) REFERENCES `project_updates`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_updates` ADD CONSTRAINT `project_updates_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_updates` ADD CONSTRAINT `project_updates_author_id_users_id_fk` FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `projects` ADD CONSTRAINT `projects_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `projects` ADD CONSTRAINT `projects_owner_user_id_users_id_fk` FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `projects` ADD CONSTRAINT `projects_owner_branch_id_branches_id_fk` FOREIGN KEY (`owner_branch_id`) REFERENCES `branches`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `projects` ADD CONSTRAINT `projects_owner_department_id_departments_id_fk` FOREIGN KEY (`owner_department_id`) REFERENCES `departments`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `projects` ADD CONSTRAINT `projects_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `project_followers_user_idx` ON `project_followers` (`user_id`);--> statement-breakpoint
CREATE INDEX `project_milestones_due_idx` ON `project_milestones` (`done_at`,`due_date`);--> statement-breakpoint
CREATE INDEX `project_ratings_complex_idx` ON `project_ratings` (`complex_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `project_sources_project_idx` ON `project_sources` (`project_id`);--> statement-breakpoint
CREATE INDEX `project_updates_project_idx` ON `project_updates` (`project_id`,`id`);--> statement-breakpoint
CREATE INDEX `projects_complex_status_idx` ON `projects` (`complex_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `projects_completed_idx` ON `projects` (`completed_at`);