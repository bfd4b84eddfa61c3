// Work a seller command asks for after its message's transaction has committed: asynchronous file
// work (an XLSX export, reading an XLSX catalog) that must never run inside the synchronous
// transaction. Runs on the next turn of the event loop, only when the message's inbound row says
// `processed` (its transaction committed), and tells the seller when a task fails.
import type { Language } from '../../orders/language.js';
import { sellerTexts } from '../../flows/seller-texts.js';
import { inboundStatus } from '../../store/inbound-status.js';
import type { HandlerInput } from '../handler-input.js';
import type { AfterCommitTask } from './commands/types.js';

/**
 * The pipeline runs handlers inside `db.transaction(...)` and offers no after-commit hook, so this
 * schedules with setImmediate: the transaction is synchronous, so by the next turn it has either
 * committed or rolled back. The message's handle (`input.tx`) shares the database connection and
 * works as a plain connection once the transaction is over. Rows written here are picked up by the
 * outbox sender's poll (within a second).
 */
export function scheduleAfterCommit(input: HandlerInput, tasks: readonly AfterCommitTask[], language: Language): Promise<void> | null {
  if (tasks.length === 0) return null;
  const { tx, message, messenger, guest } = input;
  return new Promise<void>((resolve) => {
    setImmediate(() => {
      void (async () => {
        try {
          if (inboundStatus(tx, message.transport, message.id) !== 'processed') return;
          for (const task of tasks) {
            try {
              await task({ db: tx, messenger });
            } catch {
              try {
                messenger.text(message.chatAddress, guest.id, sellerTexts[language].backgroundFailed());
              } catch {
                // The database is gone (shutting down): nothing more to do.
              }
            }
          }
        } catch {
          // The database closed before the task could start.
        } finally {
          resolve();
        }
      })();
    });
  });
}
