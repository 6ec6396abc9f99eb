import type * as Y from "yjs";
import { bodyRect, cellRects, FRAME_TITLE_HEIGHT, QUADRANT_GUTTER_LEFT, scaleLine } from "../../lib/board/frame-layout";
import { notesOf } from "../../lib/schema/board";
import { readFrames, type FrameSnapshot } from "../../lib/schema/frame";
import { readNote, type NoteSnapshot } from "../../lib/schema/note";
import type { Rect } from "../../lib/geometry";

/**
 * The board, or one worksheet, as a PNG: drawn afresh on an offscreen Konva stage from the same
 * layout rectangles the canvas uses, on white, without selection or presence. Konva is loaded only
 * when someone asks for a picture.
 */
const MARGIN = 40;
/** Longest side of the picture in CSS pixels before pixelRatio: big boards shrink to fit. */
const MAX_SIDE = 3000;
const PIXEL_RATIO = 2;
const INK = "#1f2328";
const LINE = "#8a8f98";

export async function boardPng(doc: Y.Doc, frameId?: string): Promise<Blob> {
  const Konva = (await import("konva")).default;
  const frames = readFrames(doc).filter((frame) => frameId === undefined || frame.id === frameId);
  const notes = [...notesOf(doc).entries()]
    .map(([id, map]) => readNote(id, map))
    .filter((note) => frameId === undefined || note.frame === frameId)
    .sort((a, b) => a.z - b.z);
  const box = bounds([...frames, ...notes]);
  const scale = Math.min(1, MAX_SIDE / Math.max(box.width, box.height));
  const container = document.createElement("div");
  const stage = new Konva.Stage({ container, width: Math.ceil(box.width * scale), height: Math.ceil(box.height * scale), scaleX: scale, scaleY: scale, x: -box.x * scale, y: -box.y * scale });
  const layer = new Konva.Layer({ listening: false });
  stage.add(layer);
  layer.add(new Konva.Rect({ ...box, fill: "#ffffff" }));
  for (const frame of frames) drawFrame(Konva, layer, frame);
  for (const note of notes) drawNote(Konva, layer, note);
  layer.draw();
  try {
    return await new Promise<Blob>((resolve, reject) =>
      stage.toBlob({ pixelRatio: PIXEL_RATIO, mimeType: "image/png", callback: (blob) => (blob ? resolve(blob) : reject(new Error("no image"))) }),
    );
  } finally {
    stage.destroy();
  }
}

type KonvaModule = (typeof import("konva"))["default"];
type Layer = InstanceType<KonvaModule["Layer"]>;

function bounds(items: readonly Rect[]): Rect {
  if (items.length === 0) return { x: 0, y: 0, width: 400, height: 300 };
  const left = Math.min(...items.map((r) => r.x)) - MARGIN;
  const top = Math.min(...items.map((r) => r.y)) - MARGIN;
  const right = Math.max(...items.map((r) => r.x + r.width)) + MARGIN;
  const bottom = Math.max(...items.map((r) => r.y + r.height)) + MARGIN;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function drawFrame(Konva: KonvaModule, layer: Layer, frame: FrameSnapshot): void {
  const { x, y, width, height } = frame;
  layer.add(new Konva.Rect({ x, y, width, height, fill: "#fbfaf7", stroke: LINE, strokeWidth: 2, cornerRadius: 8 }));
  layer.add(new Konva.Text({ x: x + 20, y: y + 18, width: width - 40, text: frame.title, fontSize: 34, fontStyle: "bold", fill: INK, wrap: "none", ellipsis: true }));
  layer.add(new Konva.Line({ points: [x, y + FRAME_TITLE_HEIGHT, x + width, y + FRAME_TITLE_HEIGHT], stroke: LINE, strokeWidth: 1 }));
  if (frame.kind === "quadrant") drawAxes(Konva, layer, frame);
  if (frame.kind === "scale") drawScale(Konva, layer, frame);
  for (const cell of cellRects(frame)) {
    layer.add(new Konva.Rect({ x: cell.x, y: cell.y, width: cell.width, height: cell.height, stroke: LINE, strokeWidth: 1 }));
    if (cell.label) layer.add(new Konva.Text({ x: cell.x + 16, y: cell.y + 14, width: cell.width - 32, text: cell.label, fontSize: 26, fontStyle: "bold", fill: INK, wrap: "none", ellipsis: true }));
  }
}

function drawAxes(Konva: KonvaModule, layer: Layer, frame: FrameSnapshot): void {
  const body = bodyRect(frame);
  const text = (x: number, y: number, width: number, value: string, bold = false) =>
    layer.add(new Konva.Text({ x, y, width, text: value, fontSize: 22, fontStyle: bold ? "bold" : "normal", fill: INK, align: "center" }));
  text(body.x, frame.y + FRAME_TITLE_HEIGHT + 10, body.width, frame.columnAxis ?? "", true);
  const columnWidth = body.width / Math.max(1, frame.columns);
  frame.columnLabels?.forEach((label, i) => text(body.x + i * columnWidth, body.y - 34, columnWidth, label));
  text(frame.x + 8, body.y - 34, QUADRANT_GUTTER_LEFT - 16, frame.rowAxis ?? "", true);
  const rowHeight = body.height / Math.max(1, frame.rows);
  frame.rowLabels?.forEach((label, i) => text(frame.x + 8, body.y + i * rowHeight + rowHeight / 2 - 12, QUADRANT_GUTTER_LEFT - 16, label));
}

function drawScale(Konva: KonvaModule, layer: Layer, frame: FrameSnapshot): void {
  const line = scaleLine(frame);
  layer.add(new Konva.Line({ points: [line.x, line.y, line.x + line.width, line.y], stroke: INK, strokeWidth: 3 }));
  for (let value = 0; value <= 10; value++) {
    const x = line.x + (line.width * value) / 10;
    layer.add(new Konva.Line({ points: [x, line.y - 12, x, line.y + 12], stroke: INK, strokeWidth: 2 }));
    layer.add(new Konva.Text({ x: x - 20, y: line.y + 20, width: 40, text: String(value), fontSize: 22, fill: INK, align: "center" }));
  }
  if (frame.lowLabel) layer.add(new Konva.Text({ x: line.x - 60, y: line.y - 60, width: 240, text: frame.lowLabel, fontSize: 22, fill: INK }));
  if (frame.highLabel) layer.add(new Konva.Text({ x: line.x + line.width - 180, y: line.y - 60, width: 240, text: frame.highLabel, fontSize: 22, fill: INK }));
}

function drawNote(Konva: KonvaModule, layer: Layer, note: NoteSnapshot): void {
  const { x, y, width, height } = note;
  layer.add(new Konva.Rect({ x, y, width, height, fill: note.color, shadowColor: "rgba(0,0,0,0.25)", shadowBlur: 4, shadowOffsetY: 2 }));
  const padding = 10;
  layer.add(
    new Konva.Text({ x: x + padding, y: y + padding, width: width - 2 * padding, height: height - 2 * padding, text: note.text, fontSize: 18, lineHeight: 1.2, fill: INK, wrap: "word", ellipsis: true }),
  );
}
