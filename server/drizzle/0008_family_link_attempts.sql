CREATE TABLE `family_link_attempts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`family_id` bigint unsigned NOT NULL,
	`kind` enum('request','bad_code') NOT NULL,
	`at` datetime(3) NOT NULL,
	CONSTRAINT `family_link_attempts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `family_link_attempts` ADD CONSTRAINT `family_link_attempts_family_id_users_id_fk` FOREIGN KEY (`family_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `family_link_attempts_idx` ON `family_link_attempts` (`family_id`,`kind`,`at`);