CREATE INDEX `orders_type_idx` ON `orders` (`type`);--> statement-breakpoint
CREATE INDEX `orders_channel_idx` ON `orders` (`channel`);--> statement-breakpoint
CREATE INDEX `orders_payment_idx` ON `orders` (`payment_status`);