import { customerRequestCommands } from './customer-request-commands.js';
import { createCommandRegistry } from './commands.js';
import { COMMAND_FAMILIES } from './registry.js';
import type { CommandFamily } from './commands/types.js';
const fam: CommandFamily = { id: 'x', title: { en: 'x', ar: 'x' }, commands: customerRequestCommands };
createCommandRegistry([...COMMAND_FAMILIES, fam]);
console.log('ok', customerRequestCommands.map((c) => [c.name, ...c.aliases].join(',')).join(' | '));
