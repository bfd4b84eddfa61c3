CREATE TABLE `link_token_uses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_id` integer NOT NULL,
	`network` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`token_id`) REFERENCES `link_tokens`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `link_token_uses_token_idx` ON `link_token_uses` (`token_id`);--> statement-breakpoint
ALTER TABLE `custom_requests` ADD `reminded_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `reminded_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `cod_confirmation` text DEFAULT 'not_needed' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `cod_asked_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `shipped_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `delivered_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `cancelled_at` text;--> statement-breakpoint
ALTER TABLE `quotes` ADD `reminded_at` text;--> statement-breakpoint
ALTER TABLE `quotes` ADD `customer_note` text;