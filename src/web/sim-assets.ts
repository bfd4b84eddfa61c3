/**
 * Static assets for the simulator chat page.
 *
 * Served at `/sim` (HTML), `/sim/app.js` and `/sim/app.css`. The page runs under a
 * strict Content-Security-Policy, so the HTML has no inline scripts, no inline styles,
 * no `on*=` handlers and no third-party resources. Message text is only ever written
 * with `textContent`; links are built as DOM nodes.
 *
 * API used by the page:
 *   GET  /sim/config                          -> { sellerNumbers: string[], storeName: string }
 *   POST /sim/messages                        -> 202 { id } | 400 { error }
 *   GET  /sim/messages?chat=<number>&after=N  -> { messages: SimEntry[] }
 *
 * The JS is written with String.raw so regex backslashes survive; it must not contain
 * backticks or dollar-brace sequences.
 */

export const SIM_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Bot simulator</title>
  <link rel="stylesheet" href="/sim/app.css">
  <script src="/sim/app.js" defer></script>
</head>
<body>
  <header class="top">
    <h1>Bot simulator <span id="store-name" class="store-name"></span></h1>
    <p>Simulator: talk to your bot as a customer (left) and as the seller (right).</p>
  </header>

  <main class="panes">
    <section id="customer-pane" class="pane" aria-labelledby="customer-title">
      <div class="pane-head">
        <h2 id="customer-title">Customer</h2>
        <div class="fields">
          <label>Number
            <input id="customer-number" type="tel" value="+201001234567" dir="ltr" autocomplete="off" inputmode="tel">
          </label>
          <label>Name <small>(optional)</small>
            <input id="customer-name" type="text" dir="auto" placeholder="e.g. Mona" autocomplete="off">
          </label>
        </div>
        <label class="check">
          <input id="customer-from-me" type="checkbox">
          Customer typing from the store phone
          <small>(sends fromMe: a human on the store's WhatsApp taking over this chat)</small>
        </label>
      </div>
      <div id="customer-log" class="log" role="log" aria-live="polite" aria-label="Customer chat"></div>
      <p id="customer-error" class="error" role="alert" hidden></p>
      <form id="customer-form" class="composer">
        <label class="attach" title="Send an image">
          <span class="attach-icon" aria-hidden="true">+</span>
          <span class="visually-hidden">Send an image</span>
          <input id="customer-file" class="visually-hidden" type="file" accept="image/*">
        </label>
        <textarea id="customer-text" rows="2" dir="auto" aria-label="Customer message"
          placeholder="Message as the customer (Enter sends, Shift+Enter new line)"></textarea>
        <button type="submit">Send</button>
      </form>
    </section>

    <section id="seller-pane" class="pane" aria-labelledby="seller-title">
      <div class="pane-head">
        <h2 id="seller-title">Seller</h2>
        <div class="fields">
          <label>Seller number
            <select id="seller-number" dir="ltr" disabled></select>
          </label>
        </div>
      </div>
      <p id="seller-notice" class="notice" hidden>
        No seller numbers configured. Set SELLER_NUMBERS (for example +201000000001)
        in the environment and restart the simulator.
      </p>
      <div id="seller-log" class="log" role="log" aria-live="polite" aria-label="Seller chat"></div>
      <p id="seller-error" class="error" role="alert" hidden></p>
      <form id="seller-form" class="composer">
        <textarea id="seller-text" rows="2" dir="auto" aria-label="Seller message"
          placeholder="Try /help, /order 1001, /confirm 1001"></textarea>
        <button type="submit">Send</button>
      </form>
    </section>
  </main>
</body>
</html>
`;

export const SIM_PAGE_JS = String.raw`'use strict';
(function simulator() {
  const POLL_INTERVAL_MS = 700;
  const URL_PATTERN = /https?:\/\/[^\s<>"]+/gi;
  const TRAILING_PUNCTUATION = /[.,;:!?'")\]}\u00bb\u060c\u061b\u061f]+$/;

  const byId = (id) => document.getElementById(id);

  function createPane(prefix, personLabel) {
    return {
      personLabel,
      chat: '',
      lastSeq: 0,
      generation: 0,
      inflight: null,
      pollError: false,
      root: byId(prefix + '-pane'),
      log: byId(prefix + '-log'),
      error: byId(prefix + '-error'),
      form: byId(prefix + '-form'),
      text: byId(prefix + '-text'),
    };
  }

  const customer = createPane('customer', 'Customer');
  const seller = createPane('seller', 'Seller');
  const customerNumber = byId('customer-number');
  const customerName = byId('customer-name');
  const customerFromMe = byId('customer-from-me');
  const customerFile = byId('customer-file');
  const sellerSelect = byId('seller-number');
  const sellerNotice = byId('seller-notice');
  const storeName = byId('store-name');

  // ---- HTTP ----

  async function api(method, path, body) {
    const init = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new Error('Cannot reach the simulator server.');
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const reason = data && typeof data.error === 'string' ? data.error : 'Request failed (HTTP ' + response.status + ')';
      throw new Error(reason);
    }
    return data;
  }

  // ---- Rendering (text only via textContent / text nodes) ----

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeHttpUrl(raw) {
    try {
      const url = new URL(raw, window.location.href);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch {
      return null;
    }
  }

  function appendLinkified(parent, text) {
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      const shown = match[0].replace(TRAILING_PUNCTUATION, '');
      const href = safeHttpUrl(shown);
      if (!href) continue;
      parent.append(text.slice(last, match.index));
      const link = el('a', 'msg-link', shown);
      link.href = href;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      parent.append(link);
      last = match.index + shown.length;
    }
    parent.append(text.slice(last));
  }

  function renderMedia(media) {
    const label = media.fileName || media.mimetype || 'attachment';
    const href = typeof media.url === 'string' ? safeHttpUrl(media.url) : null;
    if (!href) return el('div', 'msg-file', '[' + label + ']');
    if (String(media.mimetype || '').startsWith('image/')) {
      const img = el('img', 'msg-image');
      img.src = href;
      img.alt = label;
      img.loading = 'lazy';
      return img;
    }
    const link = el('a', 'msg-file', 'Download ' + label);
    link.href = href;
    link.download = media.fileName || '';
    link.rel = 'noopener noreferrer';
    return link;
  }

  function formatTime(at) {
    const date = new Date(at);
    return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function renderEntry(pane, entry) {
    const fromBot = entry.direction === 'out';
    const bubble = el('div', fromBot ? 'msg msg-bot' : 'msg msg-person');
    if (entry.media) bubble.append(renderMedia(entry.media));
    if (typeof entry.text === 'string' && entry.text !== '') {
      const body = el('div', 'msg-text');
      body.dir = 'auto';
      if (fromBot) appendLinkified(body, entry.text);
      else body.textContent = entry.text;
      bubble.append(body);
    }
    const who = fromBot ? 'Bot' : pane.personLabel;
    bubble.append(el('div', 'msg-meta', who + ' \u00b7 ' + formatTime(entry.at)));
    return bubble;
  }

  function appendEntries(pane, entries) {
    const log = pane.log;
    const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 48;
    const ordered = entries.filter((e) => e && typeof e.seq === 'number').sort((a, b) => a.seq - b.seq);
    for (const entry of ordered) {
      if (entry.seq <= pane.lastSeq) continue;
      pane.lastSeq = entry.seq;
      log.append(renderEntry(pane, entry));
    }
    if (nearBottom) log.scrollTop = log.scrollHeight;
  }

  function showError(pane, message, fromPoll) {
    pane.error.textContent = message;
    pane.error.hidden = false;
    pane.pollError = Boolean(fromPoll);
  }

  function clearError(pane) {
    pane.error.textContent = '';
    pane.error.hidden = true;
    pane.pollError = false;
  }

  // ---- Polling ----

  function setChat(pane, chat) {
    if (chat === pane.chat) return;
    pane.chat = chat;
    pane.lastSeq = 0;
    pane.generation += 1;
    pane.log.replaceChildren();
    clearError(pane);
    pollPane(pane);
  }

  async function pollPane(pane) {
    if (!pane.chat || pane.inflight === pane.generation) return;
    const generation = pane.generation;
    pane.inflight = generation;
    try {
      const query = '?chat=' + encodeURIComponent(pane.chat) + '&after=' + pane.lastSeq;
      const data = await api('GET', '/sim/messages' + query);
      if (generation !== pane.generation) return;
      appendEntries(pane, Array.isArray(data?.messages) ? data.messages : []);
      if (pane.pollError) clearError(pane);
    } catch (err) {
      if (generation === pane.generation) showError(pane, err.message, true);
    } finally {
      if (pane.inflight === generation) pane.inflight = null;
    }
  }

  async function pollLoop() {
    await Promise.all([pollPane(customer), pollPane(seller)]);
    setTimeout(pollLoop, POLL_INTERVAL_MS);
  }

  // ---- Sending ----

  function applyCustomerNumber() {
    setChat(customer, customerNumber.value.trim());
  }

  function customerPayload(content) {
    const payload = { from: customer.chat, ...content };
    if (customerFromMe.checked) {
      payload.fromMe = true;
    } else {
      const name = customerName.value.trim();
      if (name) payload.name = name;
    }
    return payload;
  }

  function sellerPayload(content) {
    return { from: seller.chat, ...content };
  }

  async function postMessage(pane, payload) {
    await api('POST', '/sim/messages', payload);
    clearError(pane);
    pollPane(pane);
  }

  async function sendText(pane, buildPayload) {
    if (pane === customer) applyCustomerNumber();
    const text = pane.text.value.trim();
    if (!text) return;
    if (!pane.chat) {
      showError(pane, pane === customer ? 'Enter the customer number first.' : 'No seller number selected.');
      return;
    }
    pane.text.value = '';
    pane.text.focus();
    try {
      await postMessage(pane, buildPayload({ text }));
    } catch (err) {
      showError(pane, err.message);
      if (!pane.text.value) pane.text.value = text;
    }
  }

  function readAsBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.addEventListener('load', () => {
        const dataUrl = String(reader.result);
        resolve(dataUrl.slice(dataUrl.indexOf(',') + 1));
      });
      reader.addEventListener('error', () => reject(new Error('Could not read ' + file.name)));
      reader.readAsDataURL(file);
    });
  }

  async function sendImage() {
    const file = customerFile.files && customerFile.files[0];
    customerFile.value = '';
    if (!file) return;
    applyCustomerNumber();
    if (!customer.chat) {
      showError(customer, 'Enter the customer number first.');
      return;
    }
    try {
      const base64 = await readAsBase64(file);
      const media = { mimetype: file.type || 'application/octet-stream', base64, fileName: file.name };
      const caption = customer.text.value.trim();
      const content = caption ? { media, text: caption } : { media };
      await postMessage(customer, customerPayload(content));
      if (caption) customer.text.value = '';
    } catch (err) {
      showError(customer, err.message);
    }
    customer.text.focus();
  }

  function wireComposer(pane, buildPayload) {
    pane.form.addEventListener('submit', (event) => {
      event.preventDefault();
      sendText(pane, buildPayload);
    });
    pane.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        sendText(pane, buildPayload);
      }
    });
  }

  // ---- Config ----

  function setSellerEnabled(enabled) {
    sellerSelect.disabled = !enabled;
    for (const control of seller.form.elements) control.disabled = !enabled;
  }

  async function loadConfig() {
    try {
      const config = await api('GET', '/sim/config');
      const numbers = Array.isArray(config?.sellerNumbers) ? config.sellerNumbers : [];
      if (config?.storeName) {
        storeName.textContent = '\u2013 ' + config.storeName;
        document.title = config.storeName + ' \u00b7 Bot simulator';
      }
      sellerSelect.replaceChildren(...numbers.map((number) => new Option(number, number)));
      sellerNotice.hidden = numbers.length > 0;
      setSellerEnabled(numbers.length > 0);
      clearError(seller);
      setChat(seller, numbers.length > 0 ? sellerSelect.value : '');
    } catch (err) {
      showError(seller, 'Could not load the simulator config: ' + err.message);
      setTimeout(loadConfig, 3000);
    }
  }

  // ---- Start ----

  function start() {
    wireComposer(customer, customerPayload);
    wireComposer(seller, sellerPayload);
    customerNumber.addEventListener('change', applyCustomerNumber);
    customerNumber.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        applyCustomerNumber();
        customer.text.focus();
      }
    });
    customerFromMe.addEventListener('change', () => {
      customer.root.classList.toggle('as-store', customerFromMe.checked);
    });
    customerFile.addEventListener('change', sendImage);
    sellerSelect.addEventListener('change', () => setChat(seller, sellerSelect.value));

    setSellerEnabled(false);
    applyCustomerNumber();
    loadConfig();
    pollLoop();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

export const SIM_PAGE_CSS = `:root {
  --green-dark: #075e54;
  --green: #008069;
  --green-accent: #25d366;
  --bubble-person: #d9fdd3;
  --bubble-bot: #ffffff;
  --chat-bg: #efeae2;
  --page-bg: #f0f2f5;
  --text: #111b21;
  --muted: #667781;
  --error: #b3261e;
  --radius: 10px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif;
  color: var(--text);
  background: var(--page-bg);
}

* { box-sizing: border-box; }
[hidden] { display: none !important; }

body {
  margin: 0;
  height: 100vh;
  height: 100dvh;
  display: flex;
  flex-direction: column;
}

.top {
  background: var(--green-dark);
  color: #fff;
  padding: 10px 16px;
}
.top h1 { margin: 0; font-size: 1.15rem; }
.top p { margin: 2px 0 0; font-size: 0.9rem; opacity: 0.9; }
.store-name { font-weight: normal; opacity: 0.85; }

.panes {
  flex: 1;
  display: grid;
  grid-template-columns: 1fr 1fr;
  gap: 12px;
  padding: 12px;
  min-height: 0;
}

.pane {
  display: flex;
  flex-direction: column;
  min-height: 0;
  background: #fff;
  border-radius: var(--radius);
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12);
  overflow: hidden;
}

.pane-head {
  background: var(--green);
  color: #fff;
  padding: 8px 12px;
}
.pane-head h2 { margin: 0 0 6px; font-size: 1rem; }
.pane.as-store .pane-head { background: #5b4b8a; }

.fields { display: flex; flex-wrap: wrap; gap: 8px; }
.fields label {
  display: flex;
  flex-direction: column;
  flex: 1 1 150px;
  font-size: 0.8rem;
  gap: 2px;
}
.fields input, .fields select {
  font: inherit;
  font-size: 0.95rem;
  padding: 5px 8px;
  border: 0;
  border-radius: 6px;
  color: var(--text);
  background: #fff;
}
.check { display: block; margin-top: 6px; font-size: 0.85rem; }
.check small { display: block; opacity: 0.85; }

.notice {
  margin: 0;
  padding: 10px 12px;
  background: #fff4ce;
  color: #5c4400;
  font-size: 0.9rem;
}

.log {
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  padding: 12px;
  background: var(--chat-bg);
  display: flex;
  flex-direction: column;
  gap: 6px;
}
.log:empty::before {
  content: "No messages yet.";
  margin: auto;
  color: var(--muted);
  font-size: 0.9rem;
}

.msg {
  max-width: 80%;
  padding: 6px 9px 4px;
  border-radius: 8px;
  box-shadow: 0 1px 0.5px rgba(0, 0, 0, 0.13);
  overflow-wrap: anywhere;
}
.msg-person { align-self: flex-end; background: var(--bubble-person); border-top-right-radius: 0; }
.msg-bot { align-self: flex-start; background: var(--bubble-bot); border-top-left-radius: 0; }
.msg-text { white-space: pre-wrap; text-align: start; line-height: 1.35; }
.msg-link { color: #027eb5; }
.msg-meta { margin-top: 2px; font-size: 0.7rem; color: var(--muted); text-align: end; }
.msg-image { display: block; max-width: 100%; max-height: 260px; border-radius: 6px; margin-bottom: 4px; }
.msg-file { display: inline-block; margin-bottom: 4px; color: #027eb5; }

.error {
  margin: 0;
  padding: 6px 12px;
  background: #fde7e9;
  color: var(--error);
  font-size: 0.9rem;
  white-space: pre-wrap;
}

.composer {
  display: flex;
  align-items: flex-end;
  gap: 8px;
  padding: 8px;
  background: var(--page-bg);
}
.composer textarea {
  flex: 1;
  font: inherit;
  resize: none;
  min-height: 2.6em;
  max-height: 8em;
  field-sizing: content;
  padding: 8px 10px;
  border: 1px solid #d1d7db;
  border-radius: 8px;
  background: #fff;
}
.composer textarea:focus, .fields input:focus, .fields select:focus {
  outline: 2px solid var(--green-accent);
  outline-offset: 0;
}
.composer button, .attach {
  font: inherit;
  font-weight: 600;
  border: 0;
  border-radius: 8px;
  padding: 9px 14px;
  background: var(--green);
  color: #fff;
  cursor: pointer;
}
.composer button:hover, .attach:hover { background: var(--green-dark); }
.composer button:disabled { background: #a5b4b0; cursor: not-allowed; }
.attach { background: #fff; color: var(--green); border: 1px solid #d1d7db; }
.attach:hover { color: #fff; }
.attach:focus-within { outline: 2px solid var(--green-accent); }
.attach-icon { font-size: 1.1rem; line-height: 1; }
.as-store .composer { background: #ece7f7; }

.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
  border: 0;
}

@media (max-width: 760px) {
  body { height: auto; min-height: 100vh; }
  .panes {
    grid-template-columns: 1fr;
    height: auto;
    padding: 8px;
    gap: 8px;
  }
  .pane { height: 85vh; height: 85dvh; }
  .msg { max-width: 90%; }
}
`;
