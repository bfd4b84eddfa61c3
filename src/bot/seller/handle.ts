// One message from a seller number: a command, answered in the seller's language. A spreadsheet sent
// without a caption is a catalog import; a photo needs the caption /product photo <sku>.
import { sellerTexts } from '../../flows/seller-texts.js';
import { spreadsheetKind } from '../../orders/catalog-files.js';
import type { Language } from '../../orders/language.js';
import type { HandlerInput } from '../handler-input.js';
import { runSellerCommand } from './commands.js';
import type { AfterCommitTask } from './commands/types.js';

/** Handles the message inside the pipeline's transaction; file work the command asked for runs after the commit. */
export function handleSellerMessage(input: HandlerInput): void {
  const { message, guest, messenger, config } = input;
  const language: Language = guest.language ?? config.defaultLanguage;
  const t = sellerTexts[language];
  const tasks: AfterCommitTask[] = [];
  const run = (text: string) =>
    runSellerCommand(text, {
      tx: input.tx,
      language,
      now: input.now,
      sellerPhone: message.phone ?? '',
      sellerGuestId: guest.id,
      sellerAddress: message.chatAddress,
      messenger,
      issueLink: input.issueLink,
      config,
      ids: input.ids,
      media: input.media,
      mediaKind: message.type === 'media' ? message.media.kind : null,
      afterCommit: (task) => tasks.push(task),
      input,
    });

  const text = message.type === 'text' ? message.text : (message.caption ?? '');
  // Commands only as typed by the seller (DESIGN.md section 5): a forwarded message is never run.
  const forwarded = message.forwarded === true;
  let reply: string;
  if (forwarded) reply = t.forwardedIgnored();
  else if (text.trim() !== '') reply = run(text);
  else if (message.type === 'media' && spreadsheetKind(message.media.mimetype, message.media.fileName)) reply = run('/import');
  else if (message.type === 'media' && message.media.kind === 'image') reply = t.photoMissing('<sku>');
  else reply = t.sendAsText();
  if (reply) messenger.text(message.chatAddress, guest.id, reply);
  if (tasks.length > 0) {
    input.afterCommit(async (env) => {
      for (const task of tasks) {
        try {
          await task(env);
        } catch {
          env.messenger.text(message.chatAddress, guest.id, t.backgroundFailed());
        }
      }
    });
  }
}
