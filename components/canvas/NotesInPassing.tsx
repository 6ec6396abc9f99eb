"use client";

import type Konva from "konva";
import { Shape } from "./konva";
import { visibleRect } from "../../lib/geometry";
import type { NoteStore } from "../board/noteStore";
import type { ViewportStore } from "../board/viewportStore";
import { NOTE_EDGE_COLOR } from "./noteStyle";

/**
 * The notes in view that have no shape of their own yet, each a plain coloured card: while a zoom
 * is under way the board mounts no new notes (that is what makes a frame late), and this one
 * shape fills the view in the meantime. Their text appears when the zoom comes to rest; when
 * zoomed far out there is no text to show anyway. Drawn only, never picked up.
 */
export function NotesInPassing({ store, viewport, mounted }: { store: NoteStore; viewport: ViewportStore; mounted: ReadonlyMap<string, unknown> }) {
  return <Shape listening={false} perfectDrawEnabled={false} sceneFunc={(context) => drawUnmounted(context, store, viewport, mounted)} />;
}

function drawUnmounted(context: Konva.Context, store: NoteStore, viewport: ViewportStore, mounted: ReadonlyMap<string, unknown>): void {
  const view = viewport.get();
  if (viewport.screen.width === 0) return;
  // One screen pixel, as the notes' own edges: a pale note stays visible on the pale board.
  context.setAttr("lineWidth", 1 / view.scale);
  context.setAttr("strokeStyle", NOTE_EDGE_COLOR);
  for (const id of store.search(visibleRect(view, viewport.screen))) {
    if (mounted.has(id)) continue;
    const note = store.get(id);
    if (!note) continue;
    context.setAttr("fillStyle", note.color);
    context.fillRect(note.x, note.y, note.width, note.height);
    context.strokeRect(note.x, note.y, note.width, note.height);
  }
}
