/**
 * A legal document as a PDF (pdfkit): title, number, project, the template's paragraphs, the
 * rights a refusal must state, and the seal block naming the issuing body with the date in
 * Chinese. The font is AR PL UMing CN, a Ming (宋体) face in TrueType outlines, from Debian's
 * fonts-arphic-uming (scripts/setup.d/40-documents.sh): fontkit embeds only the glyphs used, so a
 * notice is about 30 KB and renders in a few hundred milliseconds. Noto Serif CJK (fonts-noto-cjk,
 * CFF outlines) was tried first: its subsets carry the CID font's shared subroutines (80–100 KB a
 * notice) and took up to a second each inside the wake's local activity.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { chineseDate } from '../../definitions/documents/chinese-date';
import { RIGHTS_TEXT, type TDocumentFacts } from '../../definitions/documents/kinds';
import { documentText } from '../../definitions/documents/templates';

/** The font collection and the face in it (Simplified Chinese, regular). */
export const DOCUMENT_FONT = { path: '/usr/share/fonts/truetype/arphic/uming.ttc', face: 'UMingCN' } as const;

/**
 * The parsed face, once per process (issue 12): parsing the collection again for every document
 * (fontkit decodes its tables lazily, per parsed font) was most of a render's 50 ms of CPU, and
 * about a quarter of the worker's main thread under load. pdfkit takes a parsed fontkit font in
 * place of the file's bytes; the first document's is kept. A font is read, never changed, by a
 * render (each document makes its own subset), so documents may share it.
 */
let parsedFont: PDFKit.Mixins.PDFFontSource | undefined;
function font(): PDFKit.Mixins.PDFFontSource {
  if (parsedFont) return parsedFont;
  try {
    return readFileSync(DOCUMENT_FONT.path);
  } catch {
    throw new Error(`the documents' CJK font ${DOCUMENT_FONT.path} is missing: install Debian's fonts-arphic-uming (npm run setup does)`);
  }
}
/** The fontkit font pdfkit parsed for `doc` (not in @types/pdfkit: pdfkit's EmbeddedFont keeps it as `font`). */
const parsedOf = (doc: PDFKit.PDFDocument) => (doc as unknown as { _font: { font: PDFKit.Mixins.PDFFontSource } })._font.font;

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
  parsedFont ??= parsedOf(doc);
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

  // The seal block: the body's name and the date, a red ring pressed over them (GB/T 9704-2012).
  doc.moveDown(2.5);
  const right = 72 + width;
  const y = doc.y;
  doc
    .fillColor('black')
    .fontSize(14)
    .text(names.issuer, 72, y + 20, { width, align: 'right' });
  doc.text(chineseDate(facts.issuedOn), 72, y + 44, { width, align: 'right' });
  doc
    .circle(right - 55, y + 38, 42)
    .lineWidth(2)
    .strokeColor(RED)
    .stroke();
  doc.end();
  return done;
}
