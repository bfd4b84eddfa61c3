// Pure step function around the customer machine: stored snapshot + event -> new snapshot + effects.
import { createActor, type ActorScope, type ActorSystem } from 'xstate';
import { z } from 'zod';
import type { Language } from '../orders/language.js';
import { customerTexts } from './customer-texts.js';
import { CUSTOMER_MACHINE_VERSION, customerMachine, type CustomerContext, type CustomerEvent, type FlowEffect } from './customer.machine.js';

export type { FlowEffect };

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
const image = z.object({ path: z.string(), mimetype: z.string(), sizeBytes: z.number().int().min(0), sha256: z.string() });
const quote = z.object({
  quoteId: id,
  requestNumber: id,
  description: z.string(),
  priceMinor: z.number().int().min(0),
  currency: z.string(),
  deliveryDays: z.number().int().nullable(),
  notes: z.string().nullable(),
  expiresAt: z.string(),
});

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
  checkoutFor: z.enum(['cart', 'quote']),
  quote: quote.nullable(),
  draft: z.object({
    description: z.string().nullable(),
    quantity: z.number().int().positive().nullable(),
    budgetMinor: z.number().int().min(0).nullable(),
    images: z.array(image),
  }),
  orderNumber: id.nullable(),
  problem: z.string().nullable(),
  problemImages: z.array(image),
  sellerRating: z.number().int().min(1).max(5).nullable(),
  orderRating: z.number().int().min(1).max(5).nullable(),
  registerName: z.string().nullable(),
  cod: z.object({ orderNumber: id, totalMinor: z.number().int().min(0), currency: z.string() }).nullable(),
  // Added after version 3 snapshots were stored: those resume without it.
  shownTotalMinor: z.number().int().min(0).nullable().default(null),
}) satisfies z.ZodType<CustomerContext>;

/** A stored snapshot we can resume: same version, a state this machine still has, a well-formed context. */
function resumable(stored: { version: number; snapshot: unknown } | null): StoredFlow | null {
  if (!stored || stored.version !== CUSTOMER_MACHINE_VERSION) return null;
  const snap = stored.snapshot as Partial<StoredFlow> | null;
  if (!snap || typeof snap.value !== 'string' || !STATE_NAMES.has(snap.value)) return null;
  const context = contextSchema.safeParse(snap.context);
  return context.success ? { value: snap.value, context: context.data } : null;
}

type MachineSnapshot = ReturnType<typeof customerMachine.resolveState>;
// xstate's own AnyActorSystem, which it does not export.
type AnyActorSystem = ActorSystem<any>;
type Action = Parameters<ActorScope<MachineSnapshot, CustomerEvent>['actionExecutor']>[0];

/**
 * The actor scope a pure transition runs against, which only collects the actions. xstate's own `transition()`
 * builds a new actor (computing the machine's initial state) on every call, which cost more than the step
 * itself; this machine has no child actors, so one scope serves every step. Built on first use.
 */
let scope: ActorScope<MachineSnapshot, CustomerEvent, AnyActorSystem> | null = null;
let collected: Action[] = [];

function inertScope(): ActorScope<MachineSnapshot, CustomerEvent, AnyActorSystem> {
  if (!scope) {
    const self = createActor(customerMachine, { input: { language: 'ar' } });
    scope = {
      self,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      emit: () => {},
      system: self.system,
      stopChild: () => {},
      actionExecutor: (action) => collected.push(action),
    };
  }
  return scope;
}

/** Runs `step` against the shared scope and returns what it produced with the actions it asked for. */
function collecting<T>(step: (scope: ActorScope<MachineSnapshot, CustomerEvent, AnyActorSystem>) => T): [T, Action[]] {
  collected = [];
  const result = step(inertScope());
  const actions = collected;
  collected = [];
  return [result, actions];
}

const initialState = (language: Language): MachineSnapshot => collecting((s) => customerMachine.getInitialSnapshot(s, { language }))[0];

/** The snapshot of a conversation that has not started yet (a chat the store's phone wrote to first). */
export function initialCustomerSnapshot(language: Language): StoredFlow {
  const state = initialState(language);
  return { value: state.value, context: state.context };
}

/**
 * Feeds one event to the customer conversation. A missing snapshot starts a new conversation;
 * one from another machine version (or otherwise unusable) is reset with a polite note.
 */
export function stepCustomerFlow(stored: { version: number; snapshot: unknown } | null, event: CustomerEvent, knownLanguage: Language | null): StepResult {
  const previous = resumable(stored);
  const effects: FlowEffect[] = [];
  let state;
  if (previous) {
    state = customerMachine.resolveState({ value: previous.value as 'menu', context: previous.context });
  } else {
    const language = knownLanguage ?? event.env.defaultLanguage;
    state = initialState(language);
    if (stored) {
      // An old conversation we cannot resume: say so, then start from the menu in the customer's language.
      effects.push({ type: 'reply', text: customerTexts[language].conversationReset() });
      state = customerMachine.resolveState({ value: 'restarted', context: state.context });
    }
  }
  const [next, actions] = collecting((s) => customerMachine.transition(state, event, s));
  for (const action of actions) if (action.type === 'effect') effects.push(action.params as FlowEffect);
  return { snapshot: { value: next.value, context: next.context }, effects };
}
