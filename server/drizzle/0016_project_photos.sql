ALTER TABLE `project_update_photos` MODIFY COLUMN `update_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `project_update_photos` ADD `project_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `project_update_photos` ADD `uploaded_by` bigint unsigned;--> statement-breakpoint
ALTER TABLE `project_update_photos` ADD CONSTRAINT `project_update_photos_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `project_update_photos` ADD CONSTRAINT `project_update_photos_uploaded_by_users_id_fk` FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `project_update_photos_uploader_idx` ON `project_update_photos` (`uploaded_by`,`created_at`);