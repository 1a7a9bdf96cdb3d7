import type PDFDocument from 'pdfkit';
import type { BillingDocument, DocumentRow } from './billing-document';

type Pdf = PDFKit.PDFDocument;

const MARGIN = 50;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const GAP = 6;

/** Columns of the lines table, left to right, on an A4 page inside the margins (495 pt wide). */
const PRICED_COLUMNS = [
  { key: 'description', width: 235, align: 'left' },
  { key: 'quantity', width: 70, align: 'right' },
  { key: 'unitPrice', width: 80, align: 'right' },
  { key: 'amount', width: 110, align: 'right' },
] as const;
const AMOUNT_COLUMNS = [
  { key: 'description', width: 385, align: 'left' },
  { key: 'amount', width: 110, align: 'right' },
] as const;
type Column = (typeof PRICED_COLUMNS)[number] | (typeof AMOUNT_COLUMNS)[number];
const HEADINGS: Record<Column['key'], string> = {
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  amount: 'Amount',
};

// The standard PDF fonts encode text as Windows-1252; anything else would print as garbage.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the built-in Helvetica can print: other characters become "?" (the HTML view shows them all). */
export function winAnsiText(text: string): string {
  return Array.from(text, (character) => {
    const code = character.codePointAt(0) ?? 0;
    if (code === 0x09 || code === 0x0a) return ' ';
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(character)) {
      return character;
    }
    return '?';
  }).join('');
}

/** The document as an A4 PDF: issuer, bill-to, facts, the lines (across pages as needed), totals and notes. */
export async function renderDocumentPdf(document: BillingDocument): Promise<Buffer> {
  const pdf = new (await pdfKit())({
    size: 'A4',
    margin: MARGIN,
    info: { Title: winAnsiText(`${document.title} ${document.reference}`), Author: winAnsiText(document.issuer.name) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  if (document.watermark) {
    const watermark = document.watermark;
    watermarkPage(pdf, watermark);
    pdf.on('pageAdded', () => watermarkPage(pdf, watermark));
  }
  let y = header(pdf, document);
  y = parties(pdf, document, y + 24);
  y = lines(pdf, document, y + 24);
  y = totals(pdf, document, y + 12);
  notes(pdf, document, y + 18);
  pdf.end();
  return done;
}

/**
 * PDFKit loads on the first document, not with the API: with its font metrics it is about 5 MB of
 * heap that an API serving no PDF would carry for nothing (the export benchmark's memory target).
 */
async function pdfKit(): Promise<typeof PDFDocument> {
  return (await import('pdfkit')).default;
}

function watermarkPage(pdf: Pdf, watermark: string): void {
  const { width, height } = pdf.page;
  pdf.save();
  pdf.rotate(-30, { origin: [width / 2, height / 2] });
  pdf
    .font(BOLD)
    .fontSize(120)
    .fillColor('#c81e1e', 0.12)
    .text(watermark, 0, height / 2 - 60, { width, align: 'center', lineBreak: false });
  pdf.restore();
  pdf.fillColor('black', 1);
}

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
}

function header(pdf: Pdf, document: BillingDocument): number {
  const left = pdf.page.margins.left;
  const top = pdf.page.margins.top;
  pdf.font(BOLD).fontSize(16).fillColor('black').text(winAnsiText(document.issuer.name), left, top, { width: 280 });
  pdf.font(FONT).fontSize(10).fillColor('#555555');
  for (const line of document.issuer.addressLines) pdf.text(winAnsiText(line), { width: 280 });
  const issuerBottom = pdf.y;
  pdf
    .font(BOLD)
    .fontSize(22)
    .fillColor('black')
    .text(document.title.toUpperCase(), left, top, { width: contentWidth(pdf), align: 'right' });
  pdf
    .font(FONT)
    .fontSize(11)
    .text(winAnsiText(document.reference), { width: contentWidth(pdf), align: 'right' });
  return Math.max(issuerBottom, pdf.y);
}

/** Bill-to on the left; the facts (number, dates, period...) on the right, labels then values. */
function parties(pdf: Pdf, document: BillingDocument, top: number): number {
  const left = pdf.page.margins.left;
  pdf.font(FONT).fontSize(9).fillColor('#555555').text('BILL TO', left, top);
  pdf
    .font(BOLD)
    .fontSize(12)
    .fillColor('black')
    .text(winAnsiText(document.billTo), left, pdf.y + 2, { width: 220 });
  const billToBottom = pdf.y;
  const labelsX = left + 230;
  const valuesX = labelsX + 105;
  let y = top;
  for (const fact of document.facts) {
    pdf.font(FONT).fontSize(10).fillColor('#555555').text(winAnsiText(fact.label), labelsX, y, { width: 100 });
    const labelBottom = pdf.y;
    pdf.fillColor('black').text(winAnsiText(fact.value), valuesX, y, {
      width: left + contentWidth(pdf) - valuesX,
      align: 'right',
    });
    y = Math.max(labelBottom, pdf.y) + 2;
  }
  return Math.max(billToBottom, y);
}

function columnsOf(document: BillingDocument): readonly Column[] {
  return document.rows.some((row) => row.quantity !== null) ? PRICED_COLUMNS : AMOUNT_COLUMNS;
}

function tableHead(pdf: Pdf, columns: readonly Column[], top: number): number {
  let x = pdf.page.margins.left;
  pdf.font(BOLD).fontSize(10).fillColor('black');
  for (const column of columns) {
    pdf.text(HEADINGS[column.key], x + 4, top, { width: column.width - 8, align: column.align, lineBreak: false });
    x += column.width;
  }
  const bottom = top + 16;
  pdf
    .moveTo(pdf.page.margins.left, bottom)
    .lineTo(pdf.page.margins.left + contentWidth(pdf), bottom)
    .lineWidth(1)
    .stroke();
  return bottom + GAP;
}

function cell(row: DocumentRow, key: Column['key']): string {
  return winAnsiText(row[key] ?? '');
}

function lines(pdf: Pdf, document: BillingDocument, top: number): number {
  const columns = columnsOf(document);
  const descriptionWidth = columns[0].width - 8;
  const pageBottom = () => pdf.page.height - pdf.page.margins.bottom;
  let y = tableHead(pdf, columns, top);
  if (document.rows.length === 0) {
    pdf
      .font(FONT)
      .fontSize(10)
      .fillColor('#555555')
      .text('No charges', pdf.page.margins.left + 4, y);
    return pdf.y + GAP;
  }
  for (const row of document.rows) {
    pdf.font(FONT).fontSize(10).fillColor('black');
    const height = pdf.heightOfString(cell(row, 'description'), { width: descriptionWidth });
    if (y + height > pageBottom()) {
      pdf.addPage();
      y = tableHead(pdf, columns, pdf.page.margins.top);
      pdf.font(FONT).fontSize(10).fillColor('black');
    }
    let x = pdf.page.margins.left;
    for (const column of columns) {
      const text = cell(row, column.key);
      pdf.text(text, x + 4, y, {
        width: column.width - 8,
        align: column.align,
        lineBreak: column.key === 'description',
      });
      x += column.width;
    }
    y += height + GAP;
    pdf
      .moveTo(pdf.page.margins.left, y - GAP / 2)
      .lineTo(pdf.page.margins.left + contentWidth(pdf), y - GAP / 2)
      .lineWidth(0.5)
      .strokeColor('#cccccc')
      .stroke()
      .strokeColor('black');
  }
  return y;
}

function totals(pdf: Pdf, document: BillingDocument, top: number): number {
  const right = pdf.page.margins.left + contentWidth(pdf);
  const labelX = right - 300;
  let y = top;
  for (const total of document.totals) {
    if (y + 16 > pdf.page.height - pdf.page.margins.bottom) {
      pdf.addPage();
      y = pdf.page.margins.top;
    }
    pdf
      .font(total.emphasis ? BOLD : FONT)
      .fontSize(total.emphasis ? 11 : 10)
      .fillColor('black');
    pdf.text(winAnsiText(total.label), labelX, y, { width: 170, lineBreak: false });
    pdf.text(total.amount, labelX + 170, y, { width: 130, align: 'right', lineBreak: false });
    y += 16;
  }
  return y;
}

function notes(pdf: Pdf, document: BillingDocument, top: number): void {
  let y = top;
  for (const note of document.notes) {
    const text = winAnsiText(note);
    pdf.font(FONT).fontSize(10);
    const height = pdf.heightOfString(text, { width: contentWidth(pdf) });
    // Paged by hand, like the lines: after an automatic break the note would go on in the watermark's font.
    if (y + height > pdf.page.height - pdf.page.margins.bottom) {
      pdf.addPage();
      y = pdf.page.margins.top;
      pdf.font(FONT).fontSize(10);
    }
    pdf.fillColor('#333333').text(text, pdf.page.margins.left, y, { width: contentWidth(pdf) });
    y += height + 4;
  }
}
