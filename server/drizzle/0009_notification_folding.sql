ALTER TABLE `notifications` ADD `fold_key` varchar(64);--> statement-breakpoint
ALTER TABLE `notifications` ADD `fold_count` int DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `open_fold_key` varchar(64) GENERATED ALWAYS AS ((case when `read_at` is null then `fold_key` end)) STORED;--> statement-breakpoint
ALTER TABLE `notifications` ADD CONSTRAINT `notifications_open_fold_uq` UNIQUE(`user_id`,`open_fold_key`);