/** Small HTML helpers: escaping and the page frame shared by every HTML page. */
import { createHash } from 'node:crypto';


export function escapeHtml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- control characters are what this pattern removes
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/[&<>"']/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&#39;'));
}

/** Tagged template whose interpolations are escaped unless marked `raw`. */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string) => new Raw(html);

type Value = string | number | undefined | null | false | Raw | Value[];

function render(v: Value): string {
  if (v === undefined || v === null || v === false) return '';
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new Raw(out);
}

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1b1b;--bg:#fff;--muted:#5c5c5c;--line:#ddd;--accent:#b3261e;--ok:#1b7f3a;--bad:#b3261e}
@media (prefers-color-scheme:dark){:root{--fg:#eee;--bg:#161616;--muted:#a8a8a8;--line:#333;--accent:#ff8a80;--ok:#7bd88f;--bad:#ff8a80}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem;border-bottom:1px solid var(--line)}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
a{color:var(--accent)}
.muted{color:var(--muted);font-size:.9rem}
form.search{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}
form.search input[type=search]{flex:1 1 14rem;min-width:0;padding:.5rem;font-size:1rem;border:1px solid var(--line);border-radius:.3rem;background:var(--bg);color:var(--fg)}
form.search button{padding:.5rem 1rem;font-size:1rem;border-radius:.3rem;border:1px solid var(--line);background:var(--accent);color:#fff}
ul.wards,ul.articles{list-style:none;padding:0;margin:0}
ul.wards li,ul.articles li{padding:.6rem 0;border-bottom:1px solid var(--line)}
.ward-name{font-weight:600}
.feeds a{margin-right:.6rem;font-size:.9rem}
.districts{list-style:none;margin:.2rem 0 1rem;padding:0;color:var(--muted);font-size:.9rem}.districts li{margin:.2rem 0}.districts .feeds{margin-left:.4rem}
.ok{color:var(--ok)}.bad{color:var(--bad)}
.full{flex-basis:100%}.plain{color:inherit;text-decoration:none}
footer{padding:1.5rem 1rem;color:var(--muted);font-size:.9rem}
@media (min-width:40rem){ul.wards li{display:grid;grid-template-columns:2fr 1.2fr 1.3fr;gap:1rem;align-items:baseline}}
`;

/**
 * The pages run no script and load nothing but their own inline style (allowed by its hash, not
 * by 'unsafe-inline'); no other site may frame them.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "img-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Feeds, JSON and errors are data: nothing in them may run or be framed, should a browser render one. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

export interface PageFrame {
  title: string;
  /** Feeds announced for autodiscovery. */
  alternates: Array<{ type: string; title: string; href: string }>;
  body: Raw;
}

export function page(f: PageFrame): string {
  return `<!doctype html>\n${
    html`<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${f.title}</title>
${f.alternates.map((a) => html`<link rel="alternate" type="${a.type}" title="${a.title}" href="${a.href}">\n`)}<style>${raw(STYLE)}</style>
</head>
<body>
${f.body}
</body>
</html>
`.html
  }`;
}
