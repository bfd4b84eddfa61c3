DROP INDEX `outbox_due_idx`;--> statement-breakpoint
DROP INDEX `outbox_chat_idx`;--> statement-breakpoint
CREATE INDEX `outbox_pending_chat_idx` ON `outbox` (`address`,`id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `outbox_failed_idx` ON `outbox` (`id`) WHERE status = 'failed';