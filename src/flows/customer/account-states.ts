// Registering an account from the chat, and confirming cash on delivery.
import { assign } from 'xstate';
import { z } from 'zod';
import { cleanFreeText } from '../../orders/text.js';
import { lifecycleTexts } from '../lifecycle-texts.js';
import { pickOption } from '../input.js';
import { OPTION_LABELS, withLabels } from '../option-labels.js';
import { customerSetup, emit, globals, isSkip, say, t, textOf, unknownReply, validFreeText, type Ctx } from './setup.js';

const isEmail = (text: string) => z.email().safeParse(text.trim()).success && text.trim().length <= 200;

export const registerName = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).registerName()),
  on: {
    TEXT: [
      ...globals('registerName', 'register'),
      { guard: (args) => validFreeText(textOf(args.event), 2, 60), target: 'registerEmail', actions: assign({ registerName: (args) => cleanFreeText(textOf(args.event)) }) },
      { actions: say(({ context }) => t(context).nameInvalid()) },
    ],
  },
});

export const registerEmail = customerSetup.createStateConfig({
  entry: say(({ context }) => t(context).registerEmail()),
  on: {
    TEXT: [
      ...globals('registerEmail', 'register'),
      { guard: isSkip, target: 'idle', actions: [emit(({ context }) => ({ type: 'register', name: context.registerName ?? '', email: null })), assign({ registerName: null })] },
      {
        guard: (args) => isEmail(textOf(args.event)),
        target: 'idle',
        actions: [emit((args) => ({ type: 'register', name: args.context.registerName ?? '', email: textOf(args.event).trim().toLowerCase() })), assign({ registerName: null })],
      },
      { actions: say(({ context }) => t(context).registerEmailInvalid()) },
    ],
  },
});

const COD_OPTIONS = withLabels(
  [
    ['yes', 'confirm', 'send it', 'نعم', 'تاكيد', 'ارسلوه', 'موافق'],
    ['no', 'cancel', 'لا', 'الغاء', 'الغ'],
  ],
  OPTION_LABELS.cod,
);
const codPick = (args: Ctx) => pickOption(textOf(args.event), COD_OPTIONS);
const answerCod = (confirm: boolean) => [emit(({ context }: Ctx) => ({ type: 'answerCod', orderNumber: context.cod!.orderNumber, confirm })), 'clearCod' as const];
// The question may have come in the middle of a new checkout: the cart is kept, and the customer is told where it is.
const withCart = ({ context }: Ctx) => context.cart.length > 0;
const cartHint = say(({ context }) => t(context).cartStillHere());

export const codConfirm = customerSetup.createStateConfig({
  entry: say(({ context }) => (context.cod ? lifecycleTexts[context.language].codAsk(context.cod.orderNumber, context.cod.totalMinor, context.cod.currency) : t(context).menuHint())),
  on: {
    TEXT: [
      ...globals('codConfirm', 'cod'),
      { guard: ({ context }) => context.cod === null, target: 'menu' },
      { guard: (args) => codPick(args) === 0 && withCart(args), target: 'idle', actions: [...answerCod(true), cartHint] },
      { guard: (args) => codPick(args) === 0, target: 'idle', actions: answerCod(true) },
      { guard: (args) => codPick(args) === 1 && withCart(args), target: 'idle', actions: [...answerCod(false), cartHint] },
      { guard: (args) => codPick(args) === 1, target: 'idle', actions: answerCod(false) },
      { actions: unknownReply('cod') },
    ],
  },
});
