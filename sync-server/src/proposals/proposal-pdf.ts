// Renders a commercial proposal as PDF with pdfkit (a kept library: never hand-written PDF), in the
// customer's language, with DejaVu Sans embedded (from the `dejavu-fonts-ttf` package; the standard
// PDF fonts have no Cyrillic): the team's logo and details, the customer, one row per product line
// (quantity, unit price, discount, amount), the totals, the number and the validity date.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { proposalFormat, proposalLabels, type ProposalLanguage } from './proposal-labels';
import type { ProposalQuote } from './proposal-quote';

export type ProposalCompany = {
  name: string;
  /** Address, tax ids, bank, phone: printed as given, line by line. */
  details?: string;
  logo?: { bytes: Uint8Array; mimeType: string };
};

export type ProposalDocument = {
  language: ProposalLanguage;
  number: string;
  /** ISO time the proposal was made. */
  issuedAt: string;
  /** YYYY-MM-DD */
  validUntil: string;
  company: ProposalCompany;
  customer: { name?: string; company?: string; email?: string; phone?: string };
  dealTitle: string;
  quote: ProposalQuote;
};

const require = createRequire(import.meta.url);
let fonts: { regularPath: string; regular: Buffer; bold: Buffer } | undefined;
/** The two DejaVu faces, read once per thread. */
const dejaVu = () => {
  if (fonts) return fonts;
  const regularPath = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  return (fonts = {
    regularPath,
    regular: readFileSync(regularPath),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  });
};

const MARGIN = 50;
// Columns of the lines table: x offset from the margin and width (A4: 495 pt between the margins).
const cols = {
  n: { x: 0, w: 22 },
  item: { x: 22, w: 185 },
  qty: { x: 207, w: 66 },
  price: { x: 273, w: 82 },
  disc: { x: 355, w: 50 },
  total: { x: 405, w: 90 },
} as const;

type Doc = InstanceType<typeof PDFDocument>;

function header(doc: Doc, p: ProposalDocument): void {
  const l = proposalLabels[p.language];
  const f = proposalFormat(p.language, p.quote.currency);
  let top = MARGIN;
  if (p.company.logo) {
    try {
      doc.image(Buffer.from(p.company.logo.bytes), MARGIN, top, { fit: [120, 60] });
    } catch {
      // An unreadable logo is left out rather than failing the proposal.
    }
  }
  doc
    .font('bold')
    .fontSize(14)
    .text(p.company.name, MARGIN + 260, top, { width: 235, align: 'right' });
  if (p.company.details)
    doc.font('regular').fontSize(8).text(p.company.details, { width: 235, align: 'right' });
  top = Math.max(doc.y, MARGIN + 64) + 18;
  doc.font('bold').fontSize(18).text(l.title, MARGIN, top);
  doc.font('regular').fontSize(10);
  doc.text(
    `${l.number} ${p.number}    ${l.date}: ${f.date(p.issuedAt)}    ${l.validUntil}: ${f.date(p.validUntil)}`,
  );
  doc.moveDown(0.8);
  const customer = [p.customer.name, p.customer.company, p.customer.email, p.customer.phone]
    .filter((v): v is string => Boolean(v?.trim()))
    .join(', ');
  if (customer) doc.text(`${l.customer}: ${customer}`);
  doc.text(`${l.deal}: ${p.dealTitle}`);
  doc.moveDown(1);
}

function cell(doc: Doc, text: string, col: keyof typeof cols, y: number, align: 'left' | 'right' = 'left') {
  doc.text(text, MARGIN + cols[col].x, y, { width: cols[col].w - 4, align });
}

function tableHead(doc: Doc, p: ProposalDocument, y: number): number {
  const l = proposalLabels[p.language];
  doc.font('bold').fontSize(9);
  cell(doc, '#', 'n', y);
  cell(doc, l.item, 'item', y);
  cell(doc, l.quantity, 'qty', y, 'right');
  cell(doc, l.unitPrice, 'price', y, 'right');
  cell(doc, l.discount, 'disc', y, 'right');
  cell(doc, l.lineTotal, 'total', y, 'right');
  const bottom = y + 14;
  doc
    .moveTo(MARGIN, bottom)
    .lineTo(MARGIN + 495, bottom)
    .lineWidth(0.5)
    .stroke();
  return bottom + 4;
}

function lines(doc: Doc, p: ProposalDocument): number {
  const l = proposalLabels[p.language];
  const f = proposalFormat(p.language, p.quote.currency);
  const bottom = doc.page.height - MARGIN;
  let y = tableHead(doc, p, doc.y);
  p.quote.lines.forEach((line, i) => {
    doc.font('regular').fontSize(9);
    const name = line.sku ? `${line.name}\n${l.sku}: ${line.sku}` : line.name;
    const height = Math.max(doc.heightOfString(name, { width: cols.item.w - 4 }), 12) + 6;
    if (y + height > bottom) {
      doc.addPage();
      y = tableHead(doc, p, MARGIN);
      doc.font('regular').fontSize(9);
    }
    cell(doc, String(i + 1), 'n', y);
    cell(doc, name, 'item', y);
    cell(doc, `${f.number(line.quantity)}${line.unit ? ` ${line.unit}` : ''}`, 'qty', y, 'right');
    cell(doc, f.money(line.unitPrice), 'price', y, 'right');
    cell(doc, line.discountPercent ? f.percent(line.discountPercent) : '—', 'disc', y, 'right');
    cell(doc, f.money(line.lineTotal), 'total', y, 'right');
    y += height;
  });
  return y;
}

function totals(doc: Doc, p: ProposalDocument, from: number): void {
  const l = proposalLabels[p.language];
  const f = proposalFormat(p.language, p.quote.currency);
  const q = p.quote;
  const rows: [string, number, boolean][] = [
    [l.subtotal, q.subtotal, false],
    ...(q.discount ? [[l.discountTotal, -q.discount, false] as [string, number, boolean]] : []),
    ...(q.tax ? [[l.tax, q.tax, false] as [string, number, boolean]] : []),
    [l.total, q.total, true],
  ];
  let y = from + 6;
  if (y + rows.length * 16 + 40 > doc.page.height - MARGIN) {
    doc.addPage();
    y = MARGIN;
  }
  doc
    .moveTo(MARGIN + 255, y - 4)
    .lineTo(MARGIN + 495, y - 4)
    .lineWidth(0.5)
    .stroke();
  for (const [label, amount, strong] of rows) {
    doc.font(strong ? 'bold' : 'regular').fontSize(strong ? 11 : 9);
    doc.text(label, MARGIN + 255, y, { width: 140, align: 'right' });
    doc.text(f.money(amount), MARGIN + 405, y, { width: 86, align: 'right' });
    y += 16;
  }
  doc.font('regular').fontSize(9);
  doc.text(l.closing.replace('{date}', f.date(p.validUntil)), MARGIN, y + 20, { width: 495 });
}

/** The proposal's PDF bytes. */
export async function renderProposalPdf(p: ProposalDocument): Promise<Buffer> {
  const { regularPath, regular, bold } = dejaVu();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    // The first font by its path (the option's type): PDFKit never loads its built-in Helvetica.
    font: regularPath,
    info: { Title: `${proposalLabels[p.language].title} ${p.number}`, Author: p.company.name },
    lang: p.language,
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, p);
  totals(doc, p, lines(doc, p));
  doc.end();
  return done;
}
