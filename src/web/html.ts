// Tiny HTML helpers: every dynamic value goes through escapeHtml.
import type { Language } from '../orders/language.js';

export function escapeHtml(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A full page; `body` must already be escaped. Styles come from /assets/site.css (strict CSP). */
export function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
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
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif;background:#f0f2f5;color:#111b21;line-height:1.5}
main{max-width:640px;margin:0 auto;padding:16px}
h1{font-size:1.35rem;margin:.25rem 0 1rem}
h2{font-size:1.05rem;margin:1.25rem 0 .5rem;color:#3b4a54}
.card{background:#fff;border-radius:12px;padding:16px;box-shadow:0 1px 2px rgba(0,0,0,.08);margin-bottom:12px}
.muted{color:#667781;font-size:.92rem}
.status{display:inline-block;padding:2px 10px;border-radius:999px;background:#d9fdd3;color:#075e54;font-weight:600}
.status.cancelled,.status.failed_delivery{background:#fde2e1;color:#8a1c1c}
table{width:100%;border-collapse:collapse}
td{padding:6px 0;vertical-align:top}
td.num{text-align:end;white-space:nowrap}
tr.total td{border-top:1px solid #e9edef;font-weight:700}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{padding:6px 0 6px 0;border-bottom:1px solid #f0f2f5}
button,.button{display:block;width:100%;padding:14px;border:0;border-radius:10px;background:#00a884;color:#fff;font-size:1.05rem;font-weight:600;cursor:pointer;text-align:center;text-decoration:none}
button:focus-visible{outline:3px solid #075e54;outline-offset:2px}
.lang{float:inline-end;font-size:.9rem}
`;
