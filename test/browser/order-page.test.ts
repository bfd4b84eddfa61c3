// One real browser (headless Chromium through playwright-core): a link from the simulator transcript,
// the button, the order page, an address change, in English and in Arabic (right to left).
// Chromium must be at /usr/bin/chromium (Debian package `chromium`, installed by .ci/run): without it
// this test fails, on purpose, rather than being skipped.
import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CUSTOMER, SELLER } from '../helpers/harness.js';
import { freePort, OTHER_CUSTOMER, startWeb, type Web } from '../web/web-helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'data/screenshots';

let web: Web;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: install the Debian package "chromium" (apt-get install -y chromium)`);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  web = await startWeb({ PUBLIC_URL: origin, TRUST_PROXY: 'false' }, { port });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

function linkIn(chat: string): string {
  const texts = web.h.outbound(chat).join('\n');
  const escaped = origin.replace(/[.:/]/g, (c) => `\\${c}`);
  const all = [...texts.matchAll(new RegExp(`${escaped}/l/[A-Za-z0-9_-]{43}`, 'g'))];
  const link = all.at(-1)?.[0];
  if (!link) throw new Error(`no link in the chat with ${chat}`);
  return link;
}

async function mobilePage(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  // No third-party resource may be requested.
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) problems.push(`third-party request: ${r.url()}`);
  });
  return { page, problems };
}

describe('the order page in a real browser', () => {
  it('opens a link from the chat, shows the order and takes an address change (English)', async () => {
    for (const text of ['hi', '1', '1', '2', '1', 'Mona Adel', '12 Tahrir St, building 5', 'Dokki, Giza', '1']) await web.h.say(CUSTOMER, text);
    await web.h.say(SELLER, '/confirm 1001');
    const link = linkIn(CUSTOMER);

    const { page, problems } = await mobilePage();
    await page.goto(link);
    expect(await page.locator('h1').innerText()).toContain('Your order');
    expect(await page.content()).not.toContain('1001');
    await page.getByRole('button', { name: /Open my order/ }).click();
    await page.waitForURL(/\/o\/[A-Za-z0-9_-]+$/);
    expect(page.url()).not.toContain('/l/');
    expect(await page.locator('h1').innerText()).toContain('Order #1001');
    expect(await page.locator('body').innerText()).toContain('Natural honey 1 kg × 2');
    await page.screenshot({ path: `${SHOTS}/order-en.png`, fullPage: true });

    await page.locator('summary', { hasText: 'Change the delivery address' }).click();
    await page.fill('#addressLine', '14 Nile St, floor 2');
    await page.fill('#area', 'Zamalek, Cairo');
    await page.getByRole('button', { name: 'Ask for this address' }).click();
    await page.waitForURL(/done=address/);
    const body = await page.locator('body').innerText();
    expect(body).toContain('Your new address was sent to the store');
    expect(body).toContain('waiting for the store');
    expect(body).toContain('14 Nile St, floor 2');
    await page.screenshot({ path: `${SHOTS}/order-en-requested.png`, fullPage: true });
    await web.h.app.outbox.drain();
    expect(web.h.outbound(SELLER).join('\n')).toContain('/approve C-1');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('works in Arabic, right to left', async () => {
    for (const text of ['السلام عليكم', '١', '٢', '٣', '١', 'منى أحمد', 'شارع التحرير عمارة ٥', 'الدقي، الجيزة', 'تأكيد']) await web.h.say(OTHER_CUSTOMER, text);
    await web.h.say(SELLER, '/confirm 1002');
    const { page, problems } = await mobilePage();
    await page.goto(linkIn(OTHER_CUSTOMER));
    await page.getByRole('button', { name: /افتح طلبي/ }).click();
    await page.waitForURL(/\/o\/[A-Za-z0-9_-]+$/);
    expect(await page.evaluate(() => [document.documentElement.dir, getComputedStyle(document.body).direction])).toEqual(['rtl', 'rtl']);
    expect(await page.locator('h1').innerText()).toContain('الطلب #1002');
    // Right to left for real: the language switch sits on the left, the store name on the right.
    const storeBox = await page.locator('.store').boundingBox();
    const langBox = await page.locator('a.lang').boundingBox();
    expect(storeBox!.x).toBeGreaterThan(langBox!.x);
    await page.screenshot({ path: `${SHOTS}/order-ar.png`, fullPage: true });

    await page.locator('summary', { hasText: 'تغيير عنوان التوصيل' }).click();
    await page.fill('#addressLine', 'شارع النيل ١٤، الدور الثاني');
    await page.fill('#area', 'الزمالك، القاهرة');
    await page.getByRole('button', { name: 'طلب هذا العنوان' }).click();
    await page.waitForURL(/done=address/);
    expect(await page.locator('body').innerText()).toContain('تم إرسال عنوانك الجديد إلى المتجر');
    await page.screenshot({ path: `${SHOTS}/order-ar-requested.png`, fullPage: true });

    // The OTP look-up page, for a look.
    await page.goto(`${origin}/otp`);
    expect(await page.locator('h1').innerText()).toContain('ابحث عن طلباتي');
    await page.screenshot({ path: `${SHOTS}/otp-ar.png`, fullPage: true });
    await page.goto(`${origin}/otp?lang=en`);
    await page.fill('#phone', '+201112223334');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.waitForSelector('#code');
    expect(await page.locator('body').innerText()).toContain('a 6-digit code is on its way');
    await page.screenshot({ path: `${SHOTS}/otp-en-code.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
