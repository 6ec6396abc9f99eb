"use client";

import type Konva from "konva";
import { memo, useSyncExternalStore } from "react";
import { Group, Rect, Text } from "react-konva";
import type { NoteStore } from "../board/noteStore";
import { NOTE_TEXT_STYLE, SELECTION_COLOR } from "./noteStyle";

export const NOTE_NAME = "note";
const noop = () => {};
const { padding: PADDING, fontSize: FONT_SIZE, color: TEXT_COLOR } = NOTE_TEXT_STYLE;

export interface NoteShapeProps {
  id: string;
  store: NoteStore;
  selected: boolean;
  editing: boolean;
  /** False when zoomed far out: then a note is one plain rectangle, thousands of them cheap to draw. */
  showText: boolean;
  draggable: boolean;
  /** Where the note was when a drag began; while set, Konva owns the node's position. */
  frozenAt: { x: number; y: number } | undefined;
  register(id: string, node: Konva.Group | null): void;
}

/** One sticky note. It subscribes to its own note only, so other notes' edits never re-render it. */
export const NoteShape = memo(function NoteShape(props: NoteShapeProps) {
  const { id, store, selected, editing, showText, draggable, frozenAt, register } = props;
  const note = useSyncExternalStore(
    (listener) => store.subscribeNote(id, listener),
    () => store.get(id),
  );
  if (!note) return null;
  const position = frozenAt ?? note;
  return (
    <Group
      ref={(node) => register(id, node)}
      id={id}
      name={NOTE_NAME}
      x={position.x}
      y={position.y}
      draggable={draggable}
      // Drags are handled once, on the stage; this only tells react-konva the position is cared for.
      onDragEnd={noop}
    >
      {showText && (
        <Rect
        x={2}
        y={3}
        width={note.width}
        height={note.height}
        cornerRadius={6}
        fill="rgba(0,0,0,0.12)"
        listening={false}
        perfectDrawEnabled={false}
      />
      )}
      <Rect
        width={note.width}
        height={note.height}
        cornerRadius={6}
        fill={note.color}
        // Screen pixels, not board units: the edge and the selection stay visible when zoomed out
        // (a yellow note on the pale board is too faint without its edge).
        stroke={selected ? SELECTION_COLOR : "rgba(0,0,0,0.45)"}
        strokeWidth={selected ? 3 : 1}
        strokeScaleEnabled={false}
        perfectDrawEnabled={false}
        shadowForStrokeEnabled={false}
      />
      {showText && !editing && (
        <Text
          x={PADDING}
          y={PADDING}
          width={note.width - 2 * PADDING}
          height={note.height - 2 * PADDING}
          text={note.text}
          fontSize={FONT_SIZE}
          fontFamily={NOTE_TEXT_STYLE.fontFamily}
          lineHeight={NOTE_TEXT_STYLE.lineHeight}
          fill={TEXT_COLOR}
          wrap="word"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
    </Group>
  );
});
