CREATE TABLE `opinion_cosigns` (
	`opinion_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `opinion_cosigns_opinion_id_user_id_pk` PRIMARY KEY(`opinion_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `opinion_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`opinion_id` bigint unsigned NOT NULL,
	`actor_id` bigint unsigned,
	`action` varchar(32) NOT NULL,
	`from_status` varchar(16),
	`to_status` varchar(16),
	`note` varchar(1000) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `opinion_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `opinion_photos` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`opinion_id` bigint unsigned NOT NULL,
	`seq` tinyint NOT NULL,
	`mime` varchar(16) NOT NULL,
	`bytes` int NOT NULL,
	`file_name` varchar(100) NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `opinion_photos_id` PRIMARY KEY(`id`),
	CONSTRAINT `opinion_photos_seq_uq` UNIQUE(`opinion_id`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `opinions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`category` varchar(16) NOT NULL,
	`title` varchar(50) NOT NULL,
	`content` text NOT NULL,
	`visibility` enum('public','private') NOT NULL DEFAULT 'public',
	`status` enum('pending_review','blocked','submitted','accepted','rejected','assigned','in_progress','replied','closed') NOT NULL,
	`held_reason` varchar(32),
	`reject_reason` varchar(200),
	`assignee_type` enum('worker','department','branch'),
	`assignee_user_id` bigint unsigned,
	`assignee_branch_id` bigint unsigned,
	`assignee_department` varchar(64),
	`reply` text,
	`rating` enum('satisfied','basically_satisfied','unsatisfied'),
	`rating_comment` varchar(500),
	`reopen_count` tinyint NOT NULL DEFAULT 0,
	`cosign_count` int NOT NULL DEFAULT 0,
	`photo_count` int NOT NULL DEFAULT 0,
	`submitted_at` datetime(3) NOT NULL,
	`accept_due_at` datetime(3),
	`accepted_at` datetime(3),
	`reply_due_at` datetime(3),
	`replied_at` datetime(3),
	`closed_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `opinions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `ballots` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`vote_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`option_ids` text NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `ballots_id` PRIMARY KEY(`id`),
	CONSTRAINT `ballots_vote_user_uq` UNIQUE(`vote_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `evaluations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`target_type` enum('activity','branch_service','complex') NOT NULL,
	`target_id` bigint unsigned NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`stars` tinyint NOT NULL,
	`comment` varchar(500) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `evaluations_id` PRIMARY KEY(`id`),
	CONSTRAINT `evaluations_user_target_uq` UNIQUE(`user_id`,`target_type`,`target_id`)
);
--> statement-breakpoint
CREATE TABLE `meeting_agenda_items` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`meeting_id` bigint unsigned NOT NULL,
	`opinion_id` bigint unsigned,
	`title` varchar(60) NOT NULL,
	`seq` int NOT NULL,
	`decision` enum('adopted','not_adopted','to_vote'),
	`decision_note` varchar(500),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `meeting_agenda_items_id` PRIMARY KEY(`id`),
	CONSTRAINT `meeting_agenda_opinion_uq` UNIQUE(`meeting_id`,`opinion_id`)
);
--> statement-breakpoint
CREATE TABLE `meeting_signups` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`meeting_id` bigint unsigned NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`checked_in_at` datetime(3),
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `meeting_signups_id` PRIMARY KEY(`id`),
	CONSTRAINT `meeting_signups_uq` UNIQUE(`meeting_id`,`user_id`)
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`type` enum('roundtable','livelihood','council') NOT NULL,
	`topic` varchar(60) NOT NULL,
	`description` varchar(1000) NOT NULL DEFAULT '',
	`place` varchar(100) NOT NULL,
	`start_at` datetime(3) NOT NULL,
	`end_at` datetime(3) NOT NULL,
	`capacity` int NOT NULL,
	`signed_count` int NOT NULL DEFAULT 0,
	`status` enum('scheduled','cancelled','concluded') NOT NULL DEFAULT 'scheduled',
	`minutes` text,
	`minutes_at` datetime(3),
	`created_by` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `meetings_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `vote_options` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`vote_id` bigint unsigned NOT NULL,
	`seq` tinyint NOT NULL,
	`label` varchar(60) NOT NULL,
	`online_count` int NOT NULL DEFAULT 0,
	`paper_count` int NOT NULL DEFAULT 0,
	CONSTRAINT `vote_options_id` PRIMARY KEY(`id`),
	CONSTRAINT `vote_options_seq_uq` UNIQUE(`vote_id`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `vote_paper_tallies` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`vote_id` bigint unsigned NOT NULL,
	`entered_by` bigint unsigned NOT NULL,
	`counts` text NOT NULL,
	`note` varchar(200) NOT NULL DEFAULT '',
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `vote_paper_tallies_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `votes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`complex_id` bigint unsigned NOT NULL,
	`meeting_id` bigint unsigned,
	`agenda_item_id` bigint unsigned,
	`question` varchar(100) NOT NULL,
	`description` varchar(1000) NOT NULL DEFAULT '',
	`max_choices` tinyint NOT NULL DEFAULT 1,
	`eligibility` enum('community','street','meeting') NOT NULL,
	`eligibility_ref_id` bigint unsigned NOT NULL,
	`opens_at` datetime(3) NOT NULL,
	`closes_at` datetime(3) NOT NULL,
	`results_visibility` enum('live','after_close') NOT NULL DEFAULT 'after_close',
	`ballot_count` int NOT NULL DEFAULT 0,
	`created_by` bigint unsigned NOT NULL,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `votes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `wechat_subscriptions` (
	`user_id` bigint unsigned NOT NULL,
	`template_id` varchar(64) NOT NULL,
	`remaining` int NOT NULL DEFAULT 0,
	`updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	CONSTRAINT `wechat_subscriptions_user_id_template_id_pk` PRIMARY KEY(`user_id`,`template_id`)
);
--> statement-breakpoint
ALTER TABLE `opinion_cosigns` ADD CONSTRAINT `opinion_cosigns_opinion_id_opinions_id_fk` FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinion_cosigns` ADD CONSTRAINT `opinion_cosigns_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinion_events` ADD CONSTRAINT `opinion_events_opinion_id_opinions_id_fk` FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinion_events` ADD CONSTRAINT `opinion_events_actor_id_users_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinion_photos` ADD CONSTRAINT `opinion_photos_opinion_id_opinions_id_fk` FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinions` ADD CONSTRAINT `opinions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinions` ADD CONSTRAINT `opinions_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinions` ADD CONSTRAINT `opinions_assignee_user_id_users_id_fk` FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opinions` ADD CONSTRAINT `opinions_assignee_branch_id_branches_id_fk` FOREIGN KEY (`assignee_branch_id`) REFERENCES `branches`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `ballots` ADD CONSTRAINT `ballots_vote_id_votes_id_fk` FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `ballots` ADD CONSTRAINT `ballots_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `evaluations` ADD CONSTRAINT `evaluations_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `evaluations` ADD CONSTRAINT `evaluations_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `meeting_agenda_items` ADD CONSTRAINT `meeting_agenda_items_meeting_id_meetings_id_fk` FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `meeting_agenda_items` ADD CONSTRAINT `meeting_agenda_items_opinion_id_opinions_id_fk` FOREIGN KEY (`opinion_id`) REFERENCES `opinions`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `meeting_signups` ADD CONSTRAINT `meeting_signups_meeting_id_meetings_id_fk` FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `meeting_signups` ADD CONSTRAINT `meeting_signups_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `meetings` ADD CONSTRAINT `meetings_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `meetings` ADD CONSTRAINT `meetings_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `vote_options` ADD CONSTRAINT `vote_options_vote_id_votes_id_fk` FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `vote_paper_tallies` ADD CONSTRAINT `vote_paper_tallies_vote_id_votes_id_fk` FOREIGN KEY (`vote_id`) REFERENCES `votes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `vote_paper_tallies` ADD CONSTRAINT `vote_paper_tallies_entered_by_users_id_fk` FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `votes` ADD CONSTRAINT `votes_complex_id_complexes_id_fk` FOREIGN KEY (`complex_id`) REFERENCES `complexes`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `votes` ADD CONSTRAINT `votes_meeting_id_meetings_id_fk` FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `votes` ADD CONSTRAINT `votes_agenda_item_id_meeting_agenda_items_id_fk` FOREIGN KEY (`agenda_item_id`) REFERENCES `meeting_agenda_items`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `votes` ADD CONSTRAINT `votes_created_by_users_id_fk` FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `wechat_subscriptions` ADD CONSTRAINT `wechat_subscriptions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `opinion_cosigns_user_idx` ON `opinion_cosigns` (`user_id`);--> statement-breakpoint
CREATE INDEX `opinion_events_opinion_idx` ON `opinion_events` (`opinion_id`,`id`);--> statement-breakpoint
CREATE INDEX `opinions_complex_status_idx` ON `opinions` (`complex_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `opinions_user_idx` ON `opinions` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `opinions_public_idx` ON `opinions` (`visibility`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `opinions_submitted_idx` ON `opinions` (`submitted_at`);--> statement-breakpoint
CREATE INDEX `evaluations_target_idx` ON `evaluations` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `evaluations_complex_idx` ON `evaluations` (`complex_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `meeting_agenda_meeting_idx` ON `meeting_agenda_items` (`meeting_id`,`seq`);--> statement-breakpoint
CREATE INDEX `meeting_signups_user_idx` ON `meeting_signups` (`user_id`);--> statement-breakpoint
CREATE INDEX `meetings_complex_start_idx` ON `meetings` (`complex_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `meetings_start_idx` ON `meetings` (`start_at`,`id`);--> statement-breakpoint
CREATE INDEX `vote_paper_tallies_vote_idx` ON `vote_paper_tallies` (`vote_id`);--> statement-breakpoint
CREATE INDEX `votes_complex_idx` ON `votes` (`complex_id`,`closes_at`);