// Every seller command family, in the order /help lists them. To add a family: write it under
// commands/ (a CommandFamily, see commands/types.ts) and add it to this list.
import { catalogCommands } from './commands/catalog.js';
import { exportCommands } from './commands/export.js';
import { fulfilmentCommands } from './commands/fulfilment.js';
import { generalCommands } from './commands/general.js';
import { inboxCommands } from './commands/inbox.js';
import { orderUpdateCommands } from './commands/order-updates.js';
import { orderCommands } from './commands/orders.js';
import { paymentCommands } from './commands/payments.js';
import { settingsCommands } from './commands/settings.js';
import { customerRequestCommands } from './commands/customer-requests.js';
import { customOrderCommands } from './commands/custom-orders.js';
import { reviewCommands } from './commands/review.js';
import type { CommandFamily } from './commands/types.js';

export const COMMAND_FAMILIES: readonly CommandFamily[] = [
  generalCommands,
  orderCommands,
  orderUpdateCommands,
  fulfilmentCommands,
  paymentCommands,
  exportCommands,
  catalogCommands,
  settingsCommands,
  inboxCommands,
  customOrderCommands,
  customerRequestCommands,
  reviewCommands,
];
