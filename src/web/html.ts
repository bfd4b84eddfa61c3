// Tiny HTML helpers: every dynamic value goes through escapeHtml.
import type { Language } from '../orders/language.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A full page; `body` must already be escaped. Styles come from /assets/site.css (strict CSP, no inline styles or scripts). */
export function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export const SITE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic","Noto Naskh Arabic",sans-serif;background:#f0f2f5;color:#111b21;line-height:1.55;font-size:16px}
main{max-width:640px;margin:0 auto;padding:12px 12px 32px}
h1{font-size:1.3rem;margin:.25rem 0 .5rem}
h2{font-size:1.05rem;margin:0 0 .6rem;color:#3b4a54}
h3{font-size:1rem;margin:.8rem 0 .4rem}
p{margin:.4rem 0}
a{color:#027eb5}
.top{display:flex;justify-content:space-between;align-items:center;gap:8px;margin-bottom:4px}
.store{color:#667781;font-weight:600}
.lang{font-size:.95rem;padding:6px 10px;border-radius:999px;background:#fff;text-decoration:none;border:1px solid #d1d7db}
.card{background:#fff;border-radius:12px;padding:14px 16px;box-shadow:0 1px 2px rgba(0,0,0,.08);margin-bottom:12px}
.muted{color:#667781;font-size:.92rem}
.status{display:inline-block;padding:2px 10px;border-radius:999px;background:#d9fdd3;color:#075e54;font-weight:600;font-size:.9rem;vertical-align:middle}
.status.cancelled,.status.failed_delivery,.status.declined{background:#fde2e1;color:#8a1c1c}
.status.open,.status.pending{background:#fff4ce;color:#6b4f00}
table{width:100%;border-collapse:collapse}
td{padding:6px 0;vertical-align:top}
td.num{text-align:end;white-space:nowrap;padding-inline-start:12px}
tr.total td{border-top:1px solid #e9edef;font-weight:700}
ol.steps{list-style:none;display:flex;padding:0;margin:0 0 12px;gap:4px}
ol.steps li{flex:1;text-align:center;font-size:.78rem;color:#8696a0;border-top:4px solid #e9edef;padding-top:6px}
ol.steps li.done{color:#075e54;border-color:#00a884;font-weight:600}
ol.timeline,ul.requests,ul.orders{list-style:none;padding:0;margin:0}
ol.timeline li,ul.requests li,ul.orders li{padding:8px 0;border-bottom:1px solid #f0f2f5}
ol.timeline li:last-child,ul.requests li:last-child,ul.orders li:last-child{border-bottom:0}
.quote{white-space:pre-wrap;overflow-wrap:anywhere;background:#f7f8fa;border-radius:8px;padding:6px 10px;margin:4px 0}
.notice{border-radius:10px;padding:10px 14px;margin-bottom:12px;font-weight:600}
.notice.ok{background:#d9fdd3;color:#075e54}
.notice.error{background:#fde2e1;color:#8a1c1c}
.notice.info{background:#e7f3fb;color:#0b4a6f;font-weight:400}
.card-inline{margin:8px 0 12px}
details{border:1px solid #e9edef;border-radius:10px;margin:8px 0;background:#fff}
details>summary{cursor:pointer;padding:12px 14px;font-weight:600;list-style:none}
details>summary::-webkit-details-marker{display:none}
details>summary::after{content:"▾";float:inline-end;color:#8696a0}
details[open]>summary{border-bottom:1px solid #e9edef}
details>form,details>div{padding:12px 14px}
label{display:block;font-weight:600;margin:.6rem 0 .25rem}
input[type=text],input[type=tel],input[type=number],textarea,select{width:100%;font:inherit;padding:10px 12px;border:1px solid #c9d1d6;border-radius:8px;background:#fff;color:inherit}
input[inputmode=numeric]{letter-spacing:.3em;font-size:1.3rem;text-align:center}
textarea{min-height:90px;resize:vertical}
input:focus,textarea:focus,select:focus{outline:3px solid #9de1d2;border-color:#00a884}
.check{display:flex;gap:8px;align-items:flex-start;font-weight:400}
.check input{margin-top:.3rem;width:1.1rem;height:1.1rem}
fieldset{border:0;padding:0;margin:.4rem 0}
legend{font-weight:600;padding:0;margin:.6rem 0 .25rem}
.stars{display:flex;gap:6px}
.stars input{position:absolute;opacity:0;width:1px;height:1px}
.stars label{margin:0;flex:1;text-align:center;padding:10px 0;border:1px solid #c9d1d6;border-radius:8px;font-weight:600;cursor:pointer}
.stars input:checked+label{background:#00a884;border-color:#00a884;color:#fff}
.stars input:focus-visible+label{outline:3px solid #075e54}
button,.button{display:block;width:100%;margin-top:12px;padding:14px;border:0;border-radius:10px;background:#00a884;color:#fff;font:inherit;font-size:1.05rem;font-weight:600;cursor:pointer;text-align:center;text-decoration:none}
button.danger{background:#c0392b}
button.secondary,.button.secondary{background:#fff;color:#075e54;border:1px solid #00a884}
button:focus-visible,.button:focus-visible{outline:3px solid #075e54;outline-offset:2px}
.bi>span{display:block}
h1 .bi>span+span{font-size:.8em;color:#3b4a54;font-weight:600}
button .bi>span+span,.button .bi>span+span{font-size:.88em;font-weight:500;opacity:.92}
bdi{unicode-bidi:isolate}
.ltr{direction:ltr;unicode-bidi:isolate}
`;
