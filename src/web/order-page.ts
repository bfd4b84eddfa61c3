// The server-rendered order page a guest reaches through a magic link.
import type { Language } from '../orders/language.js';
import { formatMoney } from '../orders/money.js';
import { statusLabel } from '../flows/seller-texts.js';
import type { Order, OrderEvent, OrderItem } from '../store/orders.js';
import { escapeHtml, page } from './html.js';

const L = {
  en: {
    title: (n: number) => `Order #${n}`,
    placed: 'Placed',
    items: 'Items',
    subtotal: 'Subtotal',
    delivery: 'Delivery',
    free: 'Free',
    total: 'Total',
    payment: 'Payment',
    cod: 'Cash on delivery',
    paid: { unpaid: 'not paid yet', paid: 'paid', refunded: 'refunded' },
    deliverTo: 'Delivery to',
    shipment: 'Shipment',
    courier: 'Courier',
    tracking: 'Tracking number',
    timeline: 'Status history',
    event: (e: OrderEvent) => (e.type === 'placed' ? 'Order placed' : e.type.startsWith('status:') ? statusLabel(e.type.slice(7) as Order['status'], 'en') : e.type),
  },
  ar: {
    title: (n: number) => `الطلب #${n}`,
    placed: 'تاريخ الطلب',
    items: 'المنتجات',
    subtotal: 'الإجمالي الفرعي',
    delivery: 'التوصيل',
    free: 'مجاني',
    total: 'الإجمالي',
    payment: 'الدفع',
    cod: 'نقداً عند الاستلام',
    paid: { unpaid: 'لم يُدفع بعد', paid: 'مدفوع', refunded: 'مسترد' },
    deliverTo: 'التوصيل إلى',
    shipment: 'الشحن',
    courier: 'شركة الشحن',
    tracking: 'رقم التتبع',
    timeline: 'سجل الحالة',
    event: (e: OrderEvent) => (e.type === 'placed' ? 'تم تسجيل الطلب' : e.type.startsWith('status:') ? statusLabel(e.type.slice(7) as Order['status'], 'ar') : e.type),
  },
} as const;

const when = (iso: string, language: Language) =>
  new Intl.DateTimeFormat(language === 'ar' ? 'ar-EG' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Africa/Cairo' }).format(new Date(iso));

export function renderOrderPage(order: Order, items: readonly OrderItem[], events: readonly OrderEvent[], language: Language): string {
  const t = L[language];
  const m = (minor: number) => escapeHtml(formatMoney(minor, order.currency, language));
  const rows = items
    .map((i) => `<tr><td><bdi>${escapeHtml(language === 'ar' ? i.nameAr : i.nameEn)}</bdi> × ${i.quantity}</td><td class="num">${m(i.lineTotalMinor)}</td></tr>`)
    .join('');
  const timeline = events
    .filter((e) => e.type === 'placed' || e.type.startsWith('status:'))
    .map((e) => `<li><strong>${escapeHtml(t.event(e))}</strong> <span class="muted">${escapeHtml(when(e.at, language))}</span></li>`)
    .join('');
  const other: Language = language === 'ar' ? 'en' : 'ar';
  const body = `
<a class="lang" href="?lang=${other}">${other === 'ar' ? 'العربية' : 'English'}</a>
<h1>${escapeHtml(t.title(order.number))} <span class="status ${escapeHtml(order.status)}">${escapeHtml(statusLabel(order.status, language))}</span></h1>
<p class="muted">${escapeHtml(t.placed)}: ${escapeHtml(when(order.createdAt, language))}</p>
<section class="card">
<h2>${escapeHtml(t.items)}</h2>
<table>
${rows}
<tr><td>${escapeHtml(t.subtotal)}</td><td class="num">${m(order.subtotalMinor)}</td></tr>
<tr><td>${escapeHtml(t.delivery)}</td><td class="num">${order.shippingMinor === 0 ? escapeHtml(t.free) : m(order.shippingMinor)}</td></tr>
<tr class="total"><td>${escapeHtml(t.total)}</td><td class="num">${m(order.totalMinor)}</td></tr>
</table>
</section>
<section class="card">
<h2>${escapeHtml(t.payment)}</h2>
<p>${escapeHtml(t.cod)} — ${escapeHtml(t.paid[order.paymentStatus])}</p>
<h2>${escapeHtml(t.deliverTo)}</h2>
<p><bdi>${escapeHtml(order.customerName)}</bdi><br><bdi>${escapeHtml(order.addressLine)}</bdi><br><bdi>${escapeHtml(order.area)}</bdi></p>
${
  order.courier
    ? `<h2>${escapeHtml(t.shipment)}</h2><p>${escapeHtml(t.courier)}: ${escapeHtml(order.courier)}${order.trackingNumber ? `<br>${escapeHtml(t.tracking)}: ${escapeHtml(order.trackingNumber)}` : ''}</p>`
    : ''
}
</section>
<section class="card">
<h2>${escapeHtml(t.timeline)}</h2>
<ol class="timeline">${timeline}</ol>
</section>`;
  return page(language, t.title(order.number), body);
}

/** The neutral page a link opens: no order data, one button (link previews and scanners change nothing). */
export function renderLinkLanding(action: string): string {
  const body = `
<section class="card">
<h1>طلبك · Your order</h1>
<p>اضغط الزر لفتح صفحة طلبك.<br>Tap the button to open your order page.</p>
<form method="post" action="${escapeHtml(action)}">
<button type="submit">افتح طلبي · Open my order</button>
</form>
</section>`;
  return page('ar', 'Tijaratk', body);
}

/** One page for unknown, expired and revoked links, so they cannot be told apart. */
export function renderLinkInvalid(): string {
  const body = `
<section class="card">
<h1>الرابط غير صالح · Link not valid</h1>
<p>هذا الرابط منتهي أو غير صحيح. اطلب رابطاً جديداً من المتجر في محادثة واتساب.</p>
<p>This link has expired or is not valid. Ask the store for a new link in your WhatsApp chat.</p>
</section>`;
  return page('ar', 'Tijaratk', body);
}

export function renderForbidden(): string {
  const body = `
<section class="card">
<h1>افتح الرابط من واتساب · Open your link from WhatsApp</h1>
<p>لعرض هذا الطلب افتح الرابط الذي أرسلناه لك في واتساب.</p>
<p>To see this order, open the link we sent you in WhatsApp.</p>
</section>`;
  return page('ar', 'Tijaratk', body);
}
