import { bodyRect, cellRects, FRAME_TITLE_HEIGHT, QUADRANT_GUTTER_LEFT, QUADRANT_GUTTER_TOP, scaleLine, scaleX } from "../../lib/board/frame-layout";
import type { WorksheetPicture } from "../../lib/export/pictures";

/**
 * A worksheet drawn as it looks on the board, scaled into the page's width (and at most
 * `maxHeight` points tall): its title band, its cells with their labels, its notes in their
 * colours with the start of their text; a scale's markers as a bar per value. Vector graphics,
 * so the picture stays sharp printed and the file small.
 */
const LINE = "#9aa5b1";
const INK = "#1f2933";
const MUTED = "#52606d";

export function drawWorksheet(doc: PDFKit.PDFDocument, picture: WorksheetPicture, box: { x: number; y: number; width: number; maxHeight: number }): number {
  const { frame } = picture;
  const scale = Math.min(box.width / frame.width, box.maxHeight / frame.height);
  const at = (x: number, y: number) => ({ x: box.x + (x - frame.x) * scale, y: box.y + (y - frame.y) * scale });
  const height = frame.height * scale;
  doc.save();
  doc.lineWidth(0.75).strokeColor(LINE).rect(box.x, box.y, frame.width * scale, height).stroke();
  doc.rect(box.x, box.y, frame.width * scale, FRAME_TITLE_HEIGHT * scale).fillAndStroke("#eef2f6", LINE);
  const band = FRAME_TITLE_HEIGHT * scale;
  doc.fillColor(INK).font("Helvetica-Bold").fontSize(Math.min(10, band * 0.5)).text(frame.title, box.x + 6, box.y + band / 2 - 4, { width: frame.width * scale - 12, height: band, ellipsis: true, lineBreak: false });
  if (frame.kind === "quadrant") drawAxes(doc, picture, scale, at);
  for (const cell of cellRects(frame)) {
    const corner = at(cell.x, cell.y);
    doc.rect(corner.x, corner.y, cell.width * scale, cell.height * scale).stroke(LINE);
    if (cell.label) doc.fillColor(MUTED).font("Helvetica").fontSize(7).text(cell.label, corner.x + 3, corner.y + 3, { width: cell.width * scale - 6, height: 18, ellipsis: true, lineBreak: false });
  }
  if (picture.scale) drawScale(doc, picture, scale, at);
  for (const note of picture.notes) {
    const corner = at(note.x, note.y);
    const size = { width: note.width * scale, height: note.height * scale };
    doc.rect(corner.x, corner.y, size.width, size.height).fillAndStroke(note.color, LINE);
    if (size.width >= 24) {
      doc.fillColor(INK).font("Helvetica").fontSize(Math.min(6, size.height / 4)).text(note.text.trim(), corner.x + 2, corner.y + 2, { width: size.width - 4, height: size.height - 4, ellipsis: true });
    }
  }
  doc.restore();
  return height;
}

/** A quadrant grid's axes: their names, and what each row and column means ("Stor", "Ja"). */
function drawAxes(doc: PDFKit.PDFDocument, picture: WorksheetPicture, scale: number, at: (x: number, y: number) => { x: number; y: number }): void {
  const { frame } = picture;
  const body = bodyRect(frame);
  const columnWidth = (body.width / frame.columns) * scale;
  const rowHeight = (body.height / frame.rows) * scale;
  const top = at(body.x, body.y - QUADRANT_GUTTER_TOP);
  const left = at(body.x - QUADRANT_GUTTER_LEFT, body.y);
  const small = { lineBreak: false, ellipsis: true } as const;
  doc.font("Helvetica").fontSize(7).fillColor(MUTED);
  if (frame.columnAxis) doc.text(frame.columnAxis, top.x, top.y + 2, { ...small, width: body.width * scale, align: "center" });
  (frame.columnLabels ?? []).forEach((label, i) => doc.text(label, top.x + i * columnWidth, top.y + 12, { ...small, width: columnWidth, align: "center" }));
  if (frame.rowAxis) doc.text(frame.rowAxis, left.x + 2, left.y - 10, { ...small, width: QUADRANT_GUTTER_LEFT * scale * 2 });
  (frame.rowLabels ?? []).forEach((label, i) => doc.text(label, left.x + 2, left.y + i * rowHeight + rowHeight / 2 - 4, { ...small, width: QUADRANT_GUTTER_LEFT * scale - 4 }));
}

/** A bar on each value 0-10, as tall as the markers on it, the ends' meaning under them. */
function drawScale(doc: PDFKit.PDFDocument, picture: WorksheetPicture, scale: number, at: (x: number, y: number) => { x: number; y: number }): void {
  const { frame } = picture;
  const line = scaleLine(frame);
  const start = at(line.x, line.y + line.height / 2);
  doc.moveTo(start.x, start.y).lineTo(start.x + line.width * scale, start.y).stroke(INK);
  const most = Math.max(1, ...picture.scale!.counts);
  picture.scale!.counts.forEach((count, value) => {
    const x = at(scaleX(frame, value), 0).x;
    doc.fillColor(MUTED).font("Helvetica").fontSize(7).text(String(value), x - 5, start.y + 4, { width: 10, align: "center", lineBreak: false });
    if (count === 0) return;
    const bar = (count / most) * 40;
    doc.rect(x - 4, start.y - bar, 8, bar).fill("#1d4ed8");
  });
  const end = start.x + line.width * scale;
  if (frame.lowLabel) doc.fillColor(MUTED).fontSize(7).text(frame.lowLabel, start.x - 5, start.y + 14, { width: 150, lineBreak: false, ellipsis: true });
  if (frame.highLabel) doc.fillColor(MUTED).fontSize(7).text(frame.highLabel, end - 145, start.y + 14, { width: 150, align: "right", lineBreak: false, ellipsis: true });
}
