CREATE TABLE `device_unattributed_rejections` (
	`reason` varchar(24) NOT NULL,
	`count` int NOT NULL DEFAULT 0,
	`last_at` datetime(3) NOT NULL,
	CONSTRAINT `device_unattributed_rejections_reason` PRIMARY KEY(`reason`)
);
