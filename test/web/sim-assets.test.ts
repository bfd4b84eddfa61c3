import { describe, it, expect } from 'vitest';
import { SIM_PAGE_CSS, SIM_PAGE_HTML, SIM_PAGE_JS } from '../../src/web/sim-assets.js';

describe('SIM_PAGE_HTML', () => {
  it('loads only /sim/app.js and /sim/app.css', () => {
    expect(SIM_PAGE_HTML).toMatch(/<script src="\/sim\/app\.js" defer><\/script>/);
    expect(SIM_PAGE_HTML).toMatch(/<link rel="stylesheet" href="\/sim\/app\.css">/);
    const scripts = SIM_PAGE_HTML.match(/<script\b[^>]*>/gi) ?? [];
    expect(scripts).toHaveLength(1);
    const stylesheets = SIM_PAGE_HTML.match(/<link\b[^>]*>/gi) ?? [];
    expect(stylesheets).toHaveLength(1);
  });

  it('has no inline scripts, inline styles, event handler attributes or third-party resources', () => {
    // Every <script> tag has a src and an empty body.
    for (const match of SIM_PAGE_HTML.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
      expect(match[1]).toMatch(/\bsrc="/);
      expect(match[2]?.trim()).toBe('');
    }
    expect(SIM_PAGE_HTML).not.toMatch(/<style\b/i);
    expect(SIM_PAGE_HTML).not.toMatch(/\sstyle\s*=/i);
    expect(SIM_PAGE_HTML).not.toMatch(/\son[a-z]+\s*=/i);
    expect(SIM_PAGE_HTML).not.toMatch(/javascript:/i);
    expect(SIM_PAGE_HTML).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('has the header line, both panes, the defaults and the SELLER_NUMBERS notice', () => {
    expect(SIM_PAGE_HTML).toContain(
      'Simulator: talk to your bot as a customer (left) and as the seller (right)',
    );
    expect(SIM_PAGE_HTML).toContain('<meta name="viewport"');
    expect(SIM_PAGE_HTML).toMatch(/id="customer-number"[^>]*value="\+201001234567"/);
    expect(SIM_PAGE_HTML).toContain('id="customer-name"');
    expect(SIM_PAGE_HTML).toMatch(/id="customer-file"[^>]*type="file"[^>]*accept="image\/\*"/);
    expect(SIM_PAGE_HTML).toContain('Customer typing from the store phone');
    expect(SIM_PAGE_HTML).toMatch(/<select id="seller-number"/);
    expect(SIM_PAGE_HTML).toMatch(/id="seller-notice"[^>]*hidden[\s\S]*SELLER_NUMBERS/);
  });
});

describe('SIM_PAGE_CSS', () => {
  it('keeps line breaks, stacks panes on narrow screens and loads nothing remote', () => {
    expect(SIM_PAGE_CSS).toMatch(/\.msg-text\s*{[^}]*white-space:\s*pre-wrap/);
    expect(SIM_PAGE_CSS).toMatch(/@media \(max-width: \d+px\)[\s\S]*grid-template-columns:\s*1fr;/);
    expect(SIM_PAGE_CSS).not.toMatch(/@import|url\(/i);
  });
});

describe('SIM_PAGE_JS (static)', () => {
  it('parses as JavaScript', () => {
    expect(() => new Function(SIM_PAGE_JS)).not.toThrow();
  });

  it('never uses HTML-string sinks', () => {
    expect(SIM_PAGE_JS).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/);
    expect(SIM_PAGE_JS).toContain('textContent');
  });

  it('uses the three endpoints with an encoded chat and after=', () => {
    expect(SIM_PAGE_JS).toContain("'/sim/config'");
    expect(SIM_PAGE_JS).toContain("'/sim/messages'");
    expect(SIM_PAGE_JS).toContain("'?chat=' + encodeURIComponent(");
    expect(SIM_PAGE_JS).toContain("'&after='");
    expect(SIM_PAGE_JS).toContain('POLL_INTERVAL_MS = 700');
  });
});

// ---------------------------------------------------------------------------
// Behaviour: run the script against a tiny fake DOM built from the real HTML ids.
// ---------------------------------------------------------------------------

type Listener = (event: FakeEvent) => unknown;
type Child = FakeElement | FakeText;

interface FakeEvent {
  type: string;
  key?: string;
  shiftKey?: boolean;
  isComposing?: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

class FakeText {
  constructor(public textContent: string) {}
}

class FakeElement {
  id = '';
  className = '';
  value = '';
  checked = false;
  disabled = false;
  hidden = false;
  dir = '';
  href = '';
  target = '';
  rel = '';
  src = '';
  alt = '';
  loading = '';
  download = '';
  scrollTop = 0;
  scrollHeight = 0;
  clientHeight = 0;
  focused = 0;
  files: unknown[] | null = null;
  elements: FakeElement[] = [];
  children: Child[] = [];
  classes = new Set<string>();
  classList = {
    toggle: (name: string, force?: boolean) => {
      const on = force ?? !this.classes.has(name);
      if (on) this.classes.add(name);
      else this.classes.delete(name);
      return on;
    },
  };
  private listeners = new Map<string, Listener[]>();

  constructor(public tagName: string) {}

  get textContent(): string {
    return this.children.map((c) => c.textContent).join('');
  }
  set textContent(text: string) {
    this.children = text === '' ? [] : [new FakeText(text)];
  }
  set innerHTML(_html: string) {
    throw new Error('innerHTML must not be used');
  }

  append(...nodes: (Child | string)[]): void {
    for (const node of nodes) this.children.push(typeof node === 'string' ? new FakeText(node) : node);
  }
  replaceChildren(...nodes: Child[]): void {
    this.children = [];
    this.append(...nodes);
    // Like a browser <select>: the first option becomes the selected value.
    if (this.tagName === 'SELECT') {
      const first = this.children[0];
      this.value = first instanceof FakeElement ? first.value : '';
    }
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  focus(): void {
    this.focused += 1;
  }
  dispatch(type: string, init: Partial<FakeEvent> = {}): FakeEvent {
    const event: FakeEvent = {
      type,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
      ...init,
    };
    for (const listener of this.listeners.get(type) ?? []) listener(event);
    return event;
  }
  /** Elements below this one, depth first. */
  descendants(): FakeElement[] {
    return this.children.flatMap((c) => (c instanceof FakeElement ? [c, ...c.descendants()] : []));
  }
}

interface SimEntry {
  seq: number;
  chat: string;
  direction: 'in' | 'out';
  text: string | null;
  media: { mimetype: string; fileName?: string; url: string } | null;
  at: string;
}

interface FetchCall {
  url: string;
  method: string;
  body: unknown;
}

function buildDom(): Map<string, FakeElement> {
  const byId = new Map<string, FakeElement>();
  for (const match of SIM_PAGE_HTML.matchAll(/<([a-z0-9]+)\b([^>]*)>/gi)) {
    const attrs = match[2] ?? '';
    const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
    if (!id) continue;
    const element = new FakeElement(match[1]!.toUpperCase());
    element.id = id;
    element.value = /\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? '';
    element.hidden = /\shidden\b/.test(attrs);
    element.disabled = /\sdisabled\b/.test(attrs);
    byId.set(id, element);
  }
  const sellerForm = byId.get('seller-form');
  const sellerText = byId.get('seller-text');
  if (sellerForm && sellerText) sellerForm.elements = [sellerText, new FakeElement('BUTTON')];
  return byId;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function startSimulator(options: {
  sellerNumbers?: string[];
  chats?: Record<string, SimEntry[]>;
  postError?: string;
} = {}) {
  const dom = buildDom();
  const calls: FetchCall[] = [];
  const timers: (() => void)[] = [];
  const chats = options.chats ?? {};

  const json = (status: number, body: unknown) => ({
    ok: status >= 200 && status < 300,
    status,
    json: async () => body,
  });

  const fakeFetch = async (url: string, init: { method: string; body?: string }) => {
    calls.push({ url, method: init.method, body: init.body ? JSON.parse(init.body) : undefined });
    if (url === '/sim/config') {
      return json(200, { sellerNumbers: options.sellerNumbers ?? ['+201000000001'], storeName: 'Test Store' });
    }
    if (init.method === 'POST' && url === '/sim/messages') {
      return options.postError ? json(400, { error: options.postError }) : json(202, { id: 'sim-1' });
    }
    const query = new URL(url, 'http://localhost').searchParams;
    const after = Number(query.get('after'));
    const messages = (chats[query.get('chat') ?? ''] ?? []).filter((m) => m.seq > after);
    return json(200, { messages });
  };

  const fakeDocument = {
    readyState: 'complete',
    title: '',
    getElementById: (id: string) => dom.get(id) ?? null,
    createElement: (tag: string) => new FakeElement(tag.toUpperCase()),
    addEventListener: () => undefined,
  };

  class FakeOption extends FakeElement {
    constructor(text: string, value: string) {
      super('OPTION');
      this.textContent = text;
      this.value = value;
    }
  }

  class FakeFileReader {
    result: string | null = null;
    private onLoad: (() => void) | null = null;
    addEventListener(type: string, listener: () => void): void {
      if (type === 'load') this.onLoad = listener;
    }
    readAsDataURL(): void {
      this.result = 'data:image/png;base64,QUJD';
      setImmediate(() => this.onLoad?.());
    }
  }

  const fakeWindow = { location: { href: 'http://localhost:3000/sim' } };
  const fakeSetTimeout = (fn: () => void) => {
    timers.push(fn);
    return timers.length;
  };

  const run = new Function('document', 'window', 'fetch', 'setTimeout', 'Option', 'FileReader', SIM_PAGE_JS);
  run(fakeDocument, fakeWindow, fakeFetch, fakeSetTimeout, FakeOption, FakeFileReader);

  const el = (id: string): FakeElement => {
    const found = dom.get(id);
    if (!found) throw new Error('missing #' + id);
    return found;
  };
  const runTimers = () => timers.splice(0).forEach((fn) => fn());
  return { el, calls, runTimers, chats, document: fakeDocument };
}

const CUSTOMER = '+201001234567';
const SELLER = '+201000000001';
const at = '2026-01-01T10:00:00.000Z';

describe('SIM_PAGE_JS (behaviour)', () => {
  it('loads config and polls both chats with an encoded chat and after=0', async () => {
    const sim = startSimulator();
    await settle();
    const urls = sim.calls.map((c) => c.url);
    expect(urls).toContain('/sim/config');
    expect(urls).toContain('/sim/messages?chat=%2B201001234567&after=0');
    expect(urls).toContain('/sim/messages?chat=%2B201000000001&after=0');
    expect(sim.el('seller-number').disabled).toBe(false);
    expect(sim.el('seller-number').children).toHaveLength(1);
    expect(sim.el('seller-notice').hidden).toBe(true);
    expect(sim.document.title).toContain('Test Store');
  });

  it('shows the SELLER_NUMBERS notice and disables the seller pane when none are configured', async () => {
    const sim = startSimulator({ sellerNumbers: [] });
    await settle();
    expect(sim.el('seller-notice').hidden).toBe(false);
    expect(sim.el('seller-number').disabled).toBe(true);
    expect(sim.el('seller-text').disabled).toBe(true);
    expect(sim.calls.some((c) => c.url.includes('chat=%2B20100000000'))).toBe(false);
  });

  it('renders text safely, links only http(s) URLs in bot messages, and shows media', async () => {
    const hostile = '<img src=x onerror=alert(1)>\nسطر تاني';
    const sim = startSimulator({
      chats: {
        [CUSTOMER]: [
          { seq: 1, chat: CUSTOMER, direction: 'in', text: hostile, media: null, at },
          {
            seq: 2,
            chat: CUSTOMER,
            direction: 'out',
            text: 'Track it: https://shop.example/o/abc?x=1. Not javascript:alert(1)',
            media: null,
            at,
          },
          {
            seq: 3,
            chat: CUSTOMER,
            direction: 'in',
            text: null,
            media: { mimetype: 'image/jpeg', fileName: 'ref.jpg', url: '/sim/media/m1' },
            at,
          },
          {
            seq: 4,
            chat: CUSTOMER,
            direction: 'out',
            text: null,
            media: { mimetype: 'application/pdf', fileName: 'invoice.pdf', url: '/sim/media/m2' },
            at,
          },
        ],
      },
    });
    await settle();
    const bubbles = sim.el('customer-log').children as FakeElement[];
    expect(bubbles.map((b) => b.className)).toEqual(['msg msg-person', 'msg msg-bot', 'msg msg-person', 'msg msg-bot']);

    const [first, second, third, fourth] = bubbles;
    const firstText = first!.descendants().find((d) => d.className === 'msg-text')!;
    expect(firstText.dir).toBe('auto');
    expect(firstText.textContent).toBe(hostile);
    expect(firstText.children.every((c) => c instanceof FakeText)).toBe(true);

    const links = second!.descendants().filter((d) => d.tagName === 'A');
    expect(links).toHaveLength(1);
    expect(links[0]!.href).toBe('https://shop.example/o/abc?x=1');
    expect(links[0]!.textContent).toBe('https://shop.example/o/abc?x=1');
    expect(links[0]!.rel).toBe('noopener noreferrer');
    expect(links[0]!.target).toBe('_blank');
    expect(second!.descendants().find((d) => d.className === 'msg-text')!.textContent).toBe(
      'Track it: https://shop.example/o/abc?x=1. Not javascript:alert(1)',
    );

    const img = third!.descendants().find((d) => d.tagName === 'IMG')!;
    expect(img.src).toBe('http://localhost:3000/sim/media/m1');
    const download = fourth!.descendants().find((d) => d.tagName === 'A')!;
    expect(download.href).toBe('http://localhost:3000/sim/media/m2');
    expect(download.textContent).toContain('invoice.pdf');
  });

  it('polls with after=<last seq seen> and appends only new entries', async () => {
    const sim = startSimulator({
      chats: { [CUSTOMER]: [{ seq: 5, chat: CUSTOMER, direction: 'out', text: 'hello', media: null, at }] },
    });
    await settle();
    sim.chats[CUSTOMER]!.push({ seq: 6, chat: CUSTOMER, direction: 'out', text: 'again', media: null, at });
    sim.calls.length = 0;
    sim.runTimers();
    await settle();
    expect(sim.calls.map((c) => c.url)).toContain('/sim/messages?chat=%2B201001234567&after=5');
    expect(sim.el('customer-log').children).toHaveLength(2);
  });

  it('switching the customer number resets the transcript', async () => {
    const sim = startSimulator({
      chats: { [CUSTOMER]: [{ seq: 1, chat: CUSTOMER, direction: 'out', text: 'hello', media: null, at }] },
    });
    await settle();
    expect(sim.el('customer-log').children).toHaveLength(1);
    sim.el('customer-number').value = '+201009999999';
    sim.el('customer-number').dispatch('change');
    expect(sim.el('customer-log').children).toHaveLength(0);
    await settle();
    expect(sim.calls.map((c) => c.url)).toContain('/sim/messages?chat=%2B201009999999&after=0');
  });

  it('sends customer text with name on submit, clears the box and keeps focus', async () => {
    const sim = startSimulator();
    await settle();
    sim.el('customer-name').value = 'Mona';
    sim.el('customer-text').value = 'عايز اطلب  \n2 كيلو';
    const event = sim.el('customer-form').dispatch('submit');
    expect(event.defaultPrevented).toBe(true);
    expect(sim.el('customer-text').value).toBe('');
    expect(sim.el('customer-text').focused).toBeGreaterThan(0);
    await settle();
    const post = sim.calls.find((c) => c.method === 'POST');
    expect(post).toEqual({
      url: '/sim/messages',
      method: 'POST',
      body: { from: CUSTOMER, text: 'عايز اطلب  \n2 كيلو', name: 'Mona' },
    });
  });

  it('sends fromMe when typing from the store phone', async () => {
    const sim = startSimulator();
    await settle();
    sim.el('customer-from-me').checked = true;
    sim.el('customer-from-me').dispatch('change');
    expect(sim.el('customer-pane').classes.has('as-store')).toBe(true);
    sim.el('customer-text').value = 'Hi, this is Mona from the shop';
    sim.el('customer-form').dispatch('submit');
    await settle();
    const post = sim.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ from: CUSTOMER, text: 'Hi, this is Mona from the shop', fromMe: true });
  });

  it('Enter sends from the seller box; Shift+Enter does not', async () => {
    const sim = startSimulator();
    await settle();
    sim.el('seller-text').value = '/confirm 1001';
    const shifted = sim.el('seller-text').dispatch('keydown', { key: 'Enter', shiftKey: true });
    expect(shifted.defaultPrevented).toBe(false);
    await settle();
    expect(sim.calls.some((c) => c.method === 'POST')).toBe(false);

    const enter = sim.el('seller-text').dispatch('keydown', { key: 'Enter', shiftKey: false });
    expect(enter.defaultPrevented).toBe(true);
    await settle();
    const post = sim.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ from: SELLER, text: '/confirm 1001' });
    expect(sim.el('seller-text').value).toBe('');
  });

  it('shows the API error message and restores the text', async () => {
    const sim = startSimulator({ postError: 'text or media is required' });
    await settle();
    sim.el('seller-text').value = '/help';
    sim.el('seller-form').dispatch('submit');
    await settle();
    expect(sim.el('seller-error').hidden).toBe(false);
    expect(sim.el('seller-error').textContent).toBe('text or media is required');
    expect(sim.el('seller-text').value).toBe('/help');
  });

  it('sends a picked image as base64 media without an id', async () => {
    const sim = startSimulator();
    await settle();
    sim.el('customer-file').files = [{ name: 'ref.png', type: 'image/png' }];
    sim.el('customer-file').dispatch('change');
    await settle();
    const post = sim.calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({
      from: CUSTOMER,
      media: { mimetype: 'image/png', base64: 'QUJD', fileName: 'ref.png' },
    });
  });
});
