CREATE INDEX `activities_status_start_idx` ON `activities` (`status`,`start_at`,`id`);--> statement-breakpoint
CREATE INDEX `bookings_user_id_idx` ON `bookings` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `opinions_visibility_id_idx` ON `opinions` (`visibility`,`id`);