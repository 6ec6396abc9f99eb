"use client";

import { useEffect, type RefObject } from "react";
import * as Y from "yjs";
import { shiftPosition, textChange } from "../../lib/text-change";

/**
 * Binds a textarea to a Y.Text: local typing becomes small inserts and deletes (so a colleague
 * typing in the same note keeps their words), and remote edits update the textarea while the
 * local caret stays where it was in the text.
 */
export function useYTextBinding(ref: RefObject<HTMLTextAreaElement | null>, text: Y.Text | null, origin: unknown, maxChars = Infinity) {
  useEffect(() => {
    const area = ref.current;
    if (!area || !text) return;
    const doc = text.doc!;
    area.value = text.toString();
    let known = area.value;

    const onInput = () => {
      clipAtCaret(area, maxChars);
      const change = textChange(known, area.value, area.selectionEnd);
      known = area.value;
      if (!change) return;
      doc.transact(() => {
        if (change.deleteCount > 0) text.delete(change.index, change.deleteCount);
        if (change.insert) text.insert(change.index, change.insert);
      }, origin);
    };

    const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === origin) return;
      const delta = event.delta as Array<{ retain?: number; insert?: unknown; delete?: number }>;
      const focused = document.activeElement === area;
      const [start, end] = [shiftPosition(area.selectionStart, delta), shiftPosition(area.selectionEnd, delta)];
      area.value = known = text.toString();
      if (focused) area.setSelectionRange(start, end);
    };

    area.addEventListener("input", onInput);
    text.observe(onRemote);
    return () => {
      area.removeEventListener("input", onInput);
      text.unobserve(onRemote);
    };
  }, [ref, text, origin, maxChars]);
}

/**
 * Keeps at most `maxChars` characters as the server counts them (code points: an emoji is one,
 * where the textarea's own maxLength counts two) by dropping the end of what was just typed or
 * pasted, which ends at the caret; the text after the caret stays.
 */
function clipAtCaret(area: HTMLTextAreaElement, maxChars: number): void {
  const excess = [...area.value].length - maxChars;
  if (excess <= 0) return;
  const caret = area.selectionEnd;
  const before = [...area.value.slice(0, caret)];
  const kept = before.slice(0, Math.max(0, before.length - excess)).join("");
  area.value = kept + area.value.slice(caret);
  area.setSelectionRange(kept.length, kept.length);
}
