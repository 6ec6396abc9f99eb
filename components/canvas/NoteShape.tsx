"use client";

import type Konva from "konva";
import { memo, useSyncExternalStore } from "react";
import { Group, Line, Rect, Text } from "react-konva";
import type { NoteStore } from "../board/noteStore";
import { NOTE_TEXT_STYLE, SELECTION_COLOR } from "./noteStyle";

export const NOTE_NAME = "note";
export const VOTE_CHIP_NAME = "vote-chip";
const CHIP = { width: 64, height: 40 };
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
  /** In an open vote: this board user's dots on the note (0 or more); null when not a candidate. */
  myDots: number | null;
  /** Everyone's votes, once public; null otherwise. */
  voteCount: number | null;
}

/** One sticky note. It subscribes to its own note only, so other notes' edits never re-render it. */
export const NoteShape = memo(function NoteShape(props: NoteShapeProps) {
  const { id, store, selected, editing, showText, draggable, frozenAt, register, myDots, voteCount } = props;
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
      // A parked question struck out (no longer a problem) stays readable but steps back.
      opacity={note.status === "struck" ? 0.55 : 1}
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
      {showText && note.author && (
        <Text
          x={PADDING}
          y={note.height - PADDING - FONT_SIZE * 0.8}
          width={note.width - 2 * PADDING}
          text={`— ${note.author}`}
          fontSize={FONT_SIZE * 0.75}
          fontStyle="italic"
          fontFamily={NOTE_TEXT_STYLE.fontFamily}
          fill={TEXT_COLOR}
          align="right"
          ellipsis
          wrap="none"
          listening={false}
        />
      )}
      {note.status === "struck" && (
        <Line points={[PADDING, note.height / 2, note.width - PADDING, note.height / 2]} stroke={TEXT_COLOR} strokeWidth={3} listening={false} />
      )}
      {myDots !== null && (
        <Group name={VOTE_CHIP_NAME} x={note.width - CHIP.width - 6} y={note.height - CHIP.height - 6}>
          <Rect width={CHIP.width} height={CHIP.height} cornerRadius={CHIP.height / 2} fill={myDots > 0 ? "#1d4ed8" : "#ffffff"} stroke="#1d4ed8" strokeWidth={2} />
          <Text
            width={CHIP.width}
            height={CHIP.height}
            align="center"
            verticalAlign="middle"
            text={myDots > 0 ? `● ${myDots}` : "+ ●"}
            fontSize={18}
            fontStyle="bold"
            fill={myDots > 0 ? "#ffffff" : "#1d4ed8"}
            listening={false}
          />
        </Group>
      )}
      {voteCount !== null && (
        <Group x={note.width - 50} y={6} listening={false}>
          <Rect width={44} height={36} cornerRadius={18} fill="#1e293b" />
          <Text width={44} height={36} align="center" verticalAlign="middle" text={String(voteCount)} fontSize={20} fontStyle="bold" fill="#ffffff" />
        </Group>
      )}
    </Group>
  );
});
