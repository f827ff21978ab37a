CREATE TABLE `complex_photos` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`file_name` varchar(100) NOT NULL,
	`width` int NOT NULL,
	`height` int NOT NULL,
	`uploaded_by` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `complex_photos_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `residencies` (
	`user_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`claimed_at` datetime(3) NOT NULL,
	`verified_at` datetime(3),
	`verified_by` bigint unsigned,
	CONSTRAINT `residencies_user_id` PRIMARY KEY(`user_id`)
);
--> statement-breakpoint
ALTER TABLE `complexes` ADD `archived_at` datetime(3);--> statement-breakpoint
ALTER TABLE `facilities` ADD `archived_at` datetime(3);--> statement-breakpoint
ALTER TABLE `spaces` ADD `archived_at` datetime(3);--> statement-breakpoint
ALTER TABLE `complex_photos` ADD CONSTRAINT `complex_photos_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `residencies` ADD CONSTRAINT `residencies_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `residencies` ADD CONSTRAINT `residencies_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `residencies` ADD CONSTRAINT `residencies_verified_by_users_id_fk` FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `complex_photos_complex_idx` ON `complex_photos` (`complex_id`);--> statement-breakpoint
CREATE INDEX `residencies_complex_idx` ON `residencies` (`complex_id`,`verified_at`);