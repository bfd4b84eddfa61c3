CREATE TABLE `table_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `table_versions` (`name`, `value`) VALUES ('products', random() >> 11);--> statement-breakpoint
CREATE TRIGGER `products_version_insert` AFTER INSERT ON `products` BEGIN UPDATE `table_versions` SET `value` = (random() >> 11) WHERE `name` = 'products'; END;--> statement-breakpoint
CREATE TRIGGER `products_version_update` AFTER UPDATE ON `products` BEGIN UPDATE `table_versions` SET `value` = (random() >> 11) WHERE `name` = 'products'; END;--> statement-breakpoint
CREATE TRIGGER `products_version_delete` AFTER DELETE ON `products` BEGIN UPDATE `table_versions` SET `value` = (random() >> 11) WHERE `name` = 'products'; END;
