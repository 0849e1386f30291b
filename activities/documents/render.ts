/**
 * A legal document as a PDF (pdfkit): title, number, project, the template's paragraphs, the
 * rights a refusal must state, and the seal block naming the issuing body with the date in
 * Chinese. The CJK font is Noto Serif CJK SC from Debian's fonts-noto-cjk (installed by
 * scripts/setup.d/10-chromium.sh); fontkit embeds only the glyphs used, so a notice stays well
 * under 150 KB instead of carrying the 26 MB collection.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { chineseDate } from '../../definitions/documents/chinese-date';
import { RIGHTS_TEXT, type TDocumentFacts } from '../../definitions/documents/kinds';
import { documentText } from '../../definitions/documents/templates';

/** The font collection and the face in it (Simplified Chinese, regular). */
export const DOCUMENT_FONT = { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' } as const;

let fontBytes: Buffer | undefined;
function font(): Buffer {
  try {
    fontBytes ??= readFileSync(DOCUMENT_FONT.path);
  } catch {
    throw new Error(`the documents' CJK font ${DOCUMENT_FONT.path} is missing: install Debian's fonts-noto-cjk (npm run setup does)`);
  }
  return fontBytes;
}

/** What the document names besides its facts: its number and the people's names. */
export interface TRenderNames {
  number: string;
  /** The issuing body, as the seal names it. */
  issuer: string;
  /** The enterprise addressed (its directory name, or its id when unknown). */
  enterprise: string;
}

const RED = '#c8161d';

/** @returns the PDF's bytes */
export function renderDocument(facts: TDocumentFacts, names: TRenderNames): Promise<Buffer> {
  const text = documentText(facts);
  // The creation date is the act's, so the same facts give the same bytes apart from pdfkit's file id.
  const doc = new PDFDocument({
    size: 'A4',
    margin: 72,
    info: { Title: `${text.title} ${names.number}`, Author: names.issuer, CreationDate: new Date(facts.issuedAt.replace(/T24:00(:00)?/, 'T23:59:59')) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font(), DOCUMENT_FONT.face);
  doc.font('cjk');
  const width = doc.page.width - 144;

  doc.fillColor(RED).fontSize(20).text(names.issuer, { align: 'center' });
  doc
    .moveDown(0.3)
    .lineWidth(1.5)
    .strokeColor(RED)
    .moveTo(72, doc.y)
    .lineTo(72 + width, doc.y)
    .stroke();
  doc.moveDown(0.8).fillColor('black').fontSize(22).text(text.title, { align: 'center' });
  doc.moveDown(0.3).fontSize(12).text(names.number, { align: 'center' });
  doc.moveDown(1).fontSize(12);
  doc.text(`项目名称：${facts.projectTitle}`);
  if (facts.projectCode) doc.text(`项目代码：${facts.projectCode}`);
  doc.moveDown(0.8).fontSize(14).text(`${names.enterprise}：`);
  const paragraph = (p: string) => doc.moveDown(0.4).text(p, { indent: 28, lineGap: 4, align: 'justify' });
  for (const p of text.paragraphs) paragraph(p);
  if (text.rights) paragraph(RIGHTS_TEXT);

  // The seal block: the body's name in a red ring, then the name and the date (GB/T 9704-2012).
  doc.moveDown(2.5);
  const right = 72 + width;
  const y = doc.y;
  doc
    .fillColor('black')
    .fontSize(14)
    .text(names.issuer, 72, y + 20, { width, align: 'right' });
  doc
    .circle(right - 55, y + 30, 42)
    .lineWidth(2)
    .strokeColor(RED)
    .stroke();
  doc
    .fillColor(RED)
    .fontSize(9)
    .text(names.issuer, right - 95, y + 52, { width: 80, align: 'center' });
  doc.fillColor('black').fontSize(14);
  doc.text(chineseDate(facts.issuedOn), 72, y + 44, { width, align: 'right' });
  doc.end();
  return done;
}
