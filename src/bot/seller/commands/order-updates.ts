// Changing an order's details: logged edits the customer is told about, internal notes, tags.
import { orderNotifications } from '../../../flows/order-notifications.js';
import { editOrder, type OrderEdit } from '../../../orders/edit-order.js';
import { normalizePhone } from '../../../orders/phone.js';
import { addNote, addTags, MAX_NOTE_LENGTH, normalizeTag, removeTags } from '../../../orders/tags-notes.js';
import { arg, ArgCursor, MAX_QUANTITY, parseArgs, parseSkuQuantity, parseWhole, vocabulary, type ArgProblem, type Read } from '../parse.js';
import { sellerActor, tellCustomer, textsFor, usageError } from './shared.js';
import { refuse, type CommandFamily, type CommandSpec } from './types.js';

const FIELDS = vocabulary({
  qty: ['qty', 'quantity', 'كميه', 'الكميه', 'عدد'],
  shipping: ['shipping', 'delivery', 'fee', 'شحن', 'توصيل', 'الشحن', 'التوصيل'],
  address: ['address', 'عنوان', 'العنوان'],
  area: ['area', 'zone', 'city', 'منطقه', 'المنطقه'],
  name: ['name', 'اسم', 'الاسم'],
  phone: ['phone', 'mobile', 'number', 'هاتف', 'موبايل', 'رقم'],
  description: ['description', 'desc', 'وصف', 'الوصف'],
});

const TEXT_MAX = { address: 300, area: 100, name: 60, description: 1000 } as const;

/** `<number> <field> <value...>` of /edit. */
export function parseEdit(rest: string, currency: string): { ok: true; number: number; edit: OrderEdit } | { ok: false; problem: ArgProblem } {
  const c = new ArgCursor(rest);
  const number = c.orderNumber();
  if (!number.ok) return number;
  const field = c.choice('field', FIELDS);
  if (!field.ok) return field;
  let edit: Read<OrderEdit>;
  switch (field.value) {
    case 'qty': {
      // `qty HONEY-1KG 3`, or `qty HONEY-1KGx3`.
      const joined = c.remaining().length === 1 ? parseSkuQuantity(c.peek()!) : null;
      if (joined) {
        c.next();
        edit = { ok: true, value: { field: 'qty', sku: joined.sku, quantity: joined.quantity } };
        break;
      }
      const sku = c.required('sku', (t) => t);
      if (!sku.ok) return sku;
      const quantity = c.required('quantity', (t) => parseWhole(t, 0, MAX_QUANTITY));
      if (!quantity.ok) return quantity;
      edit = { ok: true, value: { field: 'qty', sku: sku.value, quantity: quantity.value } };
      break;
    }
    case 'shipping': {
      const amount = c.amount(currency);
      if (!amount.ok) return amount;
      edit = { ok: true, value: { field: 'shipping', amountMinor: amount.value } };
      break;
    }
    case 'phone': {
      const phone = c.required('phone', (t) => normalizePhone(t));
      if (!phone.ok) return phone;
      edit = { ok: true, value: { field: 'phone', phone: phone.value } };
      break;
    }
    default: {
      const textField = field.value;
      const text = c.text('text', { required: true, max: TEXT_MAX[textField] });
      if (!text.ok) return text;
      edit = { ok: true, value: { field: textField, text: text.value! } };
    }
  }
  const end = c.end();
  if (!end.ok) return end;
  return { ok: true, number: number.value, edit: edit.value };
}

const edit: CommandSpec = {
  name: 'edit',
  aliases: ['تعديل', 'عدل'],
  usage: '/edit <number> qty <sku> <n> | shipping <amount> | address <text> | area <text> | name <text> | phone <number> | description <text>',
  summary: {
    en: 'Edits an order before it ships; every edit is logged and the customer is told what changed.',
    ar: 'يعدل طلباً قبل شحنه؛ كل تعديل يُسجل ويُبلغ العميل بما تغير.',
  },
  details: {
    en: 'qty 0 removes an item; a SKU not in the order adds it at today’s price. Stock follows the quantities.',
    ar: 'الكمية 0 تحذف المنتج؛ وكود غير موجود في الطلب يضيفه بسعر اليوم. المخزون يتبع الكميات.',
  },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const parsed = parseEdit(cmd.rest, ctx.config.currency);
    if (!parsed.ok) return usageError(ctx, this, parsed.problem);
    const { number } = parsed;
    const result = editOrder(ctx.tx, { orderNumber: number, edit: parsed.edit, actor: sellerActor(ctx), now: ctx.now });
    if (!result.ok) {
      switch (result.reason) {
        case 'not_found':
          return refuse(t.notFound(number));
        case 'not_editable':
          return refuse(t.notEditable(number, result.current, result.editable));
        case 'not_catalog':
          return refuse(t.notCatalog(number));
        case 'last_item':
          return refuse(t.lastItem(number));
        case 'unchanged':
          return refuse(t.unchanged(number));
        case 'unknown_sku':
          return refuse(t.unknownSku(result.sku));
        case 'not_in_order':
          return refuse(t.notInOrder(number, result.sku));
        case 'unavailable':
          return refuse(t.unavailable(result.sku));
        case 'out_of_stock':
          return refuse(t.outOfStock(result.sku, result.available));
      }
    }
    const told = tellCustomer(ctx, result.order, (language) => orderNotifications[language].edited(result.order, result.change));
    return t.edited(result.order, result.change, told);
  },
};

const note: CommandSpec = {
  name: 'note',
  aliases: ['ملاحظة', 'ملاحظه', 'ملحوظه'],
  usage: '/note <number> <text>',
  summary: { en: 'Adds an internal note to an order (sellers only; never sent to the customer).', ar: 'يضيف ملاحظة داخلية للطلب (للبائعين فقط ولا تُرسل للعميل).' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order(), arg.text('note', MAX_NOTE_LENGTH)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number, text] = args.values;
    const result = addNote(ctx.tx, { orderNumber: number, text, actor: sellerActor(ctx), now: ctx.now });
    return result.ok ? t.noteAdded(number) : refuse(t.notFound(number));
  },
};

const tag: CommandSpec = {
  name: 'tag',
  aliases: ['وسم', 'تاج', 'tags'],
  usage: '/tag <number> <tag>...',
  summary: { en: 'Tags an order (free words, like vip or facebook-lead); /orders tag:x finds them.', ar: 'يضع وسوماً على الطلب (كلمات حرة مثل vip)؛ و\u2066/orders tag:x\u2069 يجدها.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order(), arg.many('tag', normalizeTag)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number, tags] = args.values;
    const result = addTags(ctx.tx, { orderNumber: number, tags, actor: sellerActor(ctx), now: ctx.now });
    if (!result.ok) return refuse(result.reason === 'not_found' ? t.notFound(number) : t.tooManyTags(result.max));
    return t.tagsAdded(number, result.changed, result.tags);
  },
};

const untag: CommandSpec = {
  name: 'untag',
  aliases: ['الغاء_وسم', 'شيل_وسم', 'ازاله_وسم'],
  usage: '/untag <number> <tag>...',
  summary: { en: 'Removes tags from an order.', ar: 'يزيل وسوماً من الطلب.' },
  run(cmd, ctx) {
    const t = textsFor(ctx);
    const args = parseArgs(cmd, [arg.order(), arg.many('tag', normalizeTag)]);
    if (!args.ok) return usageError(ctx, this, args.problem);
    const [number, tags] = args.values;
    const result = removeTags(ctx.tx, { orderNumber: number, tags, actor: sellerActor(ctx), now: ctx.now });
    if (!result.ok) return refuse(t.notFound(number));
    if (result.changed.length === 0) return refuse(t.tagsRemoved(number, [], result.unchanged, result.tags));
    return t.tagsRemoved(number, result.changed, result.unchanged, result.tags);
  },
};

export const orderUpdateCommands: CommandFamily = {
  id: 'order-updates',
  title: { en: 'Order details', ar: 'تفاصيل الطلب' },
  commands: [edit, note, tag, untag],
};
