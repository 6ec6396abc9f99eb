"use client";

import { useState } from "react";
import { Group, Label, Layer, Line, Rect, Tag, Text } from "./konva";
import type { Translate } from "../../lib/i18n";
import type { NoteStore } from "../board/noteStore";
import type { WebsocketProvider } from "y-websocket";
import { useOthers } from "../board/usePresence";

/** Other people's cursors and the notes they are writing in; drawn at a constant screen size. */
export function PresenceLayer(props: { awareness: WebsocketProvider["awareness"]; store: NoteStore; scale: number; t: Translate }) {
  const { store, scale, t } = props;
  const others = useOthers(props.awareness);
  const inverse = 1 / scale;
  // Made once someone else is here, and hidden while nobody is: a layer is two board-sized
  // canvases to make, and an empty one still costs the compositor a full-screen layer per frame.
  const [needed, setNeeded] = useState(false);
  if (others.length > 0 && !needed) setNeeded(true);
  if (!needed) return null;
  return (
    <Layer listening={false} visible={others.length > 0}>
      {others.map((other) => {
        const note = other.editing ? store.get(other.editing) : undefined;
        return (
          <Group key={other.clientId}>
            {note && (
              <>
                <Rect
                  x={note.x - 4 * inverse}
                  y={note.y - 4 * inverse}
                  width={note.width + 8 * inverse}
                  height={note.height + 8 * inverse}
                  stroke={other.user.color}
                  strokeWidth={3 * inverse}
                  dash={[8 * inverse, 4 * inverse]}
                  cornerRadius={8 * inverse}
                />
                <Label x={note.x} y={note.y - 30 * inverse} scaleX={inverse} scaleY={inverse}>
                  <Tag fill={other.user.color} cornerRadius={4} />
                  <Text text={t("notes.editedBy", { name: other.user.name })} fill="#ffffff" padding={5} fontSize={14} />
                </Label>
              </>
            )}
            {other.cursor && (
              <Group x={other.cursor.x} y={other.cursor.y} scaleX={inverse} scaleY={inverse}>
                <Line points={[0, 0, 0, 20, 5, 15, 13, 14]} closed fill={other.user.color} stroke="#ffffff" strokeWidth={1.5} />
                <Label x={12} y={18}>
                  <Tag fill={other.user.color} cornerRadius={4} />
                  <Text text={other.user.name} fill="#ffffff" padding={4} fontSize={13} />
                </Label>
              </Group>
            )}
          </Group>
        );
      })}
    </Layer>
  );
}
