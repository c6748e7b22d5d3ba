/**
 * Makes a pdf-lib document byte-for-byte reproducible. Kivra's duplicate control only
 * recognises a resend when the payload is identical, and an auditor can compare a stored
 * hash with a re-render, so nothing in the file may depend on the clock or on chance:
 * - pdf-lib stamps "now" as CreationDate/ModDate and its own Producer/Creator unless
 *   `PDFDocument.create({ updateMetadata: false })` is used; we set them from the data.
 * - pdf-lib writes no /ID; PDF 2.0 and PDF/A want one, so we add one derived from the input.
 * - Font subset names get their tag from the rendered fields (subsetName in payslip-pdf.ts),
 *   not from pdf-lib's per-document RNG, and each subset's ToUnicode map comes from the
 *   payslip's own text, not from the payslips a process rendered before it
 *   (fontkit-tuning.ts); both checked by the byte-identity tests.
 */
import { createHash } from 'node:crypto';
import { PDFHexString, type PDFDocument } from 'pdf-lib';

const PDF_PRODUCER = 'payslips';
const PDF_CREATOR = 'payslips';

interface DeterministicMetadata {
  title: string;
  author: string;
  subject: string;
  /** The instant recorded as creation and modification time. */
  date: Date;
  /** Any string that changes whenever the rendered content would; hashed into /ID. */
  idSeed: string;
}

export function applyDeterministicMetadata(pdf: PDFDocument, meta: DeterministicMetadata): void {
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setProducer(PDF_PRODUCER);
  pdf.setCreator(PDF_CREATOR);
  pdf.setLanguage('sv-SE');
  pdf.setCreationDate(meta.date);
  pdf.setModificationDate(meta.date);
  const id = createHash('sha256').update(meta.idSeed).digest('hex').slice(0, 32);
  // Both halves equal: the permanent and the changing identifier of a file never edited since.
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
}
