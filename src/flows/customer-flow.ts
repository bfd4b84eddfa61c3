// Pure step function around the customer machine: stored snapshot + event -> new snapshot + effects.
import { initialTransition, transition } from 'xstate';
import { z } from 'zod';
import type { Language } from '../orders/language.js';
import { customerTexts } from './customer-texts.js';
import {
  CUSTOMER_MACHINE_VERSION,
  customerMachine,
  type CustomerContext,
  type CustomerEvent,
  type PlaceOrderParams,
} from './customer.machine.js';

export type FlowEffect =
  | { type: 'reply'; text: string }
  | ({ type: 'placeOrder' } & PlaceOrderParams)
  | { type: 'rememberLanguage'; language: Language };

export interface StoredFlow {
  value: unknown;
  context: CustomerContext;
}

export interface StepResult {
  snapshot: StoredFlow;
  effects: FlowEffect[];
}

const STATE_NAMES = new Set(Object.keys(customerMachine.root.states));

const id = z.number().int().positive();
/** What a resumable context must look like; anything else (a corrupt or hand-edited row) is reset. */
const contextSchema = z.object({
  language: z.enum(['ar', 'en']),
  cart: z.array(z.object({ productId: id, quantity: z.number().int().positive() })),
  selectedProductId: id.nullable(),
  page: z.number().int().min(0),
  editProductId: id.nullable(),
  editMode: z.enum(['quantity', 'remove']),
  name: z.string().nullable(),
  address: z.string().nullable(),
  area: z.string().nullable(),
}) satisfies z.ZodType<CustomerContext>;

/** A stored snapshot we can resume: same version, a state this machine still has, a well-formed context. */
function resumable(stored: { version: number; snapshot: unknown } | null): StoredFlow | null {
  if (!stored || stored.version !== CUSTOMER_MACHINE_VERSION) return null;
  const snap = stored.snapshot as Partial<StoredFlow> | null;
  if (!snap || typeof snap.value !== 'string' || !STATE_NAMES.has(snap.value)) return null;
  const context = contextSchema.safeParse(snap.context);
  return context.success ? { value: snap.value, context: context.data } : null;
}

function toEffects(actions: readonly { type: string; params?: unknown }[]): FlowEffect[] {
  const effects: FlowEffect[] = [];
  for (const action of actions) {
    if (action.type === 'reply') effects.push({ type: 'reply', ...(action.params as { text: string }) });
    else if (action.type === 'placeOrder') effects.push({ type: 'placeOrder', ...(action.params as PlaceOrderParams) });
    else if (action.type === 'rememberLanguage') effects.push({ type: 'rememberLanguage', ...(action.params as { language: Language }) });
  }
  return effects;
}

/**
 * Feeds one event to the customer conversation. A missing snapshot starts a new conversation;
 * one from another machine version (or otherwise unusable) is reset with a polite note.
 */
export function stepCustomerFlow(
  stored: { version: number; snapshot: unknown } | null,
  event: CustomerEvent,
  knownLanguage: Language | null,
): StepResult {
  const previous = resumable(stored);
  const effects: FlowEffect[] = [];
  let state;
  if (previous) {
    state = customerMachine.resolveState({ value: previous.value as 'menu', context: previous.context });
  } else {
    const language = knownLanguage ?? event.env.defaultLanguage;
    [state] = initialTransition(customerMachine, { language });
    if (stored) {
      // An old conversation we cannot resume: say so, then start from the menu in the customer's language.
      effects.push({ type: 'reply', text: customerTexts[language].conversationReset() });
      state = customerMachine.resolveState({ value: 'idle', context: state.context });
    }
  }
  const [next, actions] = transition(customerMachine, state, event);
  effects.push(...toEffects(actions));
  return { snapshot: { value: next.value, context: next.context }, effects };
}
