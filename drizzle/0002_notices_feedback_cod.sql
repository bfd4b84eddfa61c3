ALTER TABLE `guests` ADD `blocked_notice_at` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `feedback_asked_at` text;--> statement-breakpoint
CREATE INDEX `orders_feedback_due_idx` ON `orders` (`status`,`feedback_asked_at`);--> statement-breakpoint
CREATE INDEX `orders_cod_due_idx` ON `orders` (`cod_confirmation`,`cod_asked_at`);