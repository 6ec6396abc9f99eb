"use client";

import type Konva from "konva";
import { memo, useMemo, useSyncExternalStore } from "react";
import { Group, Line, Rect, Text } from "./konva";
import type { FrameStore } from "../board/frameStore";
import type { NoteStore } from "../board/noteStore";
import { noteFontSize } from "./measureNoteText";
import { AUTHOR_FONT_SIZE, NOTE_EDGE_COLOR, NOTE_TEXT_STYLE, noteTextBox, SELECTION_COLOR, VOTE_STRIP } from "./noteStyle";

export const NOTE_NAME = "note";
export const VOTE_CHIP_NAME = "vote-chip";
export const NOTE_TEXT_NAME = "note-text";
const BADGE_WIDTH = 48;
const noop = () => {};
const { padding: PADDING, color: TEXT_COLOR } = NOTE_TEXT_STYLE;

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
  /** The vote chip's height in board units (taller on touch screens: voteChipHeight). */
  chipHeight: number;
  /** The worksheets, to tell a parking lot (it shows its questions' person beside them). */
  frames?: Pick<FrameStore, "get">;
}

/** One sticky note. It subscribes to its own note only, so other notes' edits never re-render it. */
export const NoteShape = memo(function NoteShape(props: NoteShapeProps) {
  const { id, store, selected, editing, showText, draggable, frozenAt, register, myDots, voteCount, chipHeight, frames } = props;
  const note = useSyncExternalStore(
    (listener) => store.subscribeNote(id, listener),
    () => store.get(id),
  );
  const votes = myDots !== null || voteCount !== null;
  // Signed notes name their writer; an action with a person responsible names them instead
  // (outside a parking lot, which writes a question's person beside it).
  const parked = note?.frame !== undefined && frames?.get(note.frame)?.kind === "parking";
  const byline = note?.author ? `— ${note.author}` : note?.owner?.trim() && !parked ? `→ ${note.owner.trim()}` : null;
  const box = note ? noteTextBox(note, { author: byline !== null, votes, chipHeight }) : null;
  const text = note?.text ?? "";
  // Fitted only when the text or the room changes; the word widths behind it are cached.
  const room = { width: box?.width ?? 1, height: box?.height ?? 1 };
  const fontSize = useMemo(
    () => (showText ? noteFontSize(text, { width: room.width, height: room.height }) : 0),
    [text, room.width, room.height, showText],
  );
  if (!note || !box) return null;
  const position = frozenAt ?? note;
  // The chip keeps the width-to-height of the 64×40 one, so a taller touch chip is also wider.
  const badgeRoom = voteCount !== null ? BADGE_WIDTH + VOTE_STRIP.margin : 0;
  const chip = {
    width: Math.min(Math.round((chipHeight * VOTE_STRIP.chipWidth) / VOTE_STRIP.height), note.width - 2 * VOTE_STRIP.margin - badgeRoom),
    height: chipHeight,
  };
  const strip = note.height - chip.height - VOTE_STRIP.margin;
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
        stroke={selected ? SELECTION_COLOR : NOTE_EDGE_COLOR}
        strokeWidth={selected ? 3 : 1}
        strokeScaleEnabled={false}
        perfectDrawEnabled={false}
        shadowForStrokeEnabled={false}
      />
      {showText && !editing && (
        <Text
          name={NOTE_TEXT_NAME}
          x={box.x}
          y={box.y}
          width={box.width}
          height={box.height}
          text={note.text}
          fontSize={fontSize}
          fontFamily={NOTE_TEXT_STYLE.fontFamily}
          lineHeight={NOTE_TEXT_STYLE.lineHeight}
          fill={TEXT_COLOR}
          wrap="word"
          ellipsis
          listening={false}
          perfectDrawEnabled={false}
        />
      )}
      {showText && byline && (
        <Text
          x={PADDING}
          y={box.authorY}
          width={box.width}
          text={byline}
          fontSize={AUTHOR_FONT_SIZE}
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
        <Group name={VOTE_CHIP_NAME} x={note.width - chip.width - VOTE_STRIP.margin} y={strip}>
          <Rect width={chip.width} height={chip.height} cornerRadius={chip.height / 2} fill={myDots > 0 ? "#1d4ed8" : "#ffffff"} stroke="#1d4ed8" strokeWidth={2} />
          <Text
            width={chip.width}
            height={chip.height}
            align="center"
            verticalAlign="middle"
            text={myDots > 0 ? `● ${myDots}` : "+ ●"}
            fontSize={Math.round((18 * chipHeight) / VOTE_STRIP.height)}
            fontStyle="bold"
            fill={myDots > 0 ? "#ffffff" : "#1d4ed8"}
            listening={false}
          />
        </Group>
      )}
      {voteCount !== null && (
        <Group x={VOTE_STRIP.margin} y={strip} listening={false}>
          <Rect width={BADGE_WIDTH} height={chip.height} cornerRadius={chip.height / 2} fill="#1e293b" />
          <Text width={BADGE_WIDTH} height={chip.height} align="center" verticalAlign="middle" text={String(voteCount)} fontSize={20} fontStyle="bold" fill="#ffffff" />
        </Group>
      )}
    </Group>
  );
});
