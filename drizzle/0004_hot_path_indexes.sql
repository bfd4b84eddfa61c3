CREATE INDEX `outbox_chat_idx` ON `outbox` (`address`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `quotes_guest_idx` ON `quotes` (`guest_id`,`status`);--> statement-breakpoint
CREATE INDEX `sim_messages_id_idx` ON `sim_messages` (`message_id`);