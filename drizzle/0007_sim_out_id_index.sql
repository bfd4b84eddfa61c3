DROP INDEX `sim_messages_id_idx`;--> statement-breakpoint
CREATE INDEX `sim_messages_out_id_idx` ON `sim_messages` (`message_id`) WHERE direction = 'out';