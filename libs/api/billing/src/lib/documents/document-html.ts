import type { BillingDocument } from './billing-document';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value printed comes through here: tenant names, descriptions and memos are user data. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** The page is self-contained and runs no script, so the view can forbid everything but its own styles. */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `
  :root { color: #1b1b1f; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
  body { margin: 0; background: #f3f3f6; }
  main { position: relative; max-width: 820px; margin: 24px auto; padding: 48px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  header { display: flex; justify-content: space-between; gap: 24px; margin-bottom: 32px; }
  h1 { margin: 0; font-size: 28px; letter-spacing: .02em; }
  .issuer strong { font-size: 18px; }
  .muted { color: #5c5c66; }
  .parties { display: flex; justify-content: space-between; gap: 24px; margin-bottom: 24px; }
  dl { display: grid; grid-template-columns: auto auto; gap: 2px 16px; margin: 0; }
  dt { color: #5c5c66; } dd { margin: 0; text-align: right; }
  table { width: 100%; border-collapse: collapse; margin: 16px 0; }
  th { text-align: left; font-weight: 600; border-bottom: 2px solid #1b1b1f; padding: 6px 8px; }
  td { border-bottom: 1px solid #dcdce2; padding: 6px 8px; vertical-align: top; }
  .number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .totals { margin-left: auto; width: 340px; }
  .totals td { border: 0; padding: 3px 8px; }
  .totals .emphasis td { font-weight: 700; border-top: 1px solid #1b1b1f; }
  .notes { margin-top: 24px; white-space: pre-wrap; }
  .watermark { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; pointer-events: none;
    font-size: 140px; font-weight: 800; color: rgba(200, 30, 30, .12); transform: rotate(-30deg); }
  @page { size: A4; margin: 16mm; }
  @media print {
    body { background: #fff; }
    main { margin: 0; padding: 0; max-width: none; box-shadow: none; }
    tr { break-inside: avoid; }
    .watermark { position: fixed; }
  }
`;

function rowsHtml(document: BillingDocument): string {
  const withPrices = document.rows.some((row) => row.quantity !== null);
  const head = withPrices
    ? '<th>Description</th><th class="number">Quantity</th><th class="number">Unit price</th><th class="number">Amount</th>'
    : '<th>Description</th><th class="number">Amount</th>';
  const body = document.rows
    .map((row) => {
      const prices = withPrices
        ? `<td class="number">${escapeHtml(row.quantity ?? '')}</td><td class="number">${escapeHtml(row.unitPrice ?? '')}</td>`
        : '';
      return `<tr><td>${escapeHtml(row.description)}</td>${prices}<td class="number">${escapeHtml(row.amount)}</td></tr>`;
    })
    .join('\n');
  const empty =
    document.rows.length === 0 ? `<tr><td colspan="${withPrices ? 4 : 2}" class="muted">No charges</td></tr>` : '';
  return `<table class="lines"><thead><tr>${head}</tr></thead><tbody>${body}${empty}</tbody></table>`;
}

/** A complete, printable HTML page of the document; nothing in it is trusted. */
export function renderDocumentHtml(document: BillingDocument): string {
  const title = `${document.title} ${document.reference}`;
  const facts = document.facts
    .map((fact) => `<dt>${escapeHtml(fact.label)}</dt><dd>${escapeHtml(fact.value)}</dd>`)
    .join('');
  const totals = document.totals
    .map(
      (total) =>
        `<tr${total.emphasis ? ' class="emphasis"' : ''}><td>${escapeHtml(total.label)}</td><td class="number">${escapeHtml(total.amount)}</td></tr>`,
    )
    .join('');
  const notes = document.notes.map((note) => `<p>${escapeHtml(note)}</p>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${document.watermark ? `<div class="watermark" aria-hidden="true">${document.watermark}</div>` : ''}
<header>
  <div class="issuer"><strong>${escapeHtml(document.issuer.name)}</strong>${document.issuer.addressLines
    .map((line) => `<br><span class="muted">${escapeHtml(line)}</span>`)
    .join('')}</div>
  <div><h1>${escapeHtml(document.title)}</h1><div class="muted">${escapeHtml(document.reference)}</div></div>
</header>
<section class="parties">
  <div><div class="muted">Bill to</div><strong>${escapeHtml(document.billTo)}</strong></div>
  <dl>${facts}</dl>
</section>
${rowsHtml(document)}
<table class="totals"><tbody>${totals}</tbody></table>
${notes ? `<section class="notes">${notes}</section>` : ''}
</main>
</body>
</html>
`;
}
