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

    const onInput = (event: Event) => {
      // An input method's word in the making is not cut; it is once chosen (compositionend).
      if (!(event as InputEvent).isComposing) clipAtCaret(area, maxChars, known);
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
    area.addEventListener("compositionend", onInput);
    text.observe(onRemote);
    return () => {
      area.removeEventListener("input", onInput);
      area.removeEventListener("compositionend", onInput);
      text.unobserve(onRemote);
    };
  }, [ref, text, origin, maxChars]);
}

/**
 * Keeps at most `maxChars` characters as the server counts them (code points: an emoji is one,
 * where the textarea's own maxLength counts two) by dropping the end of what was just typed or
 * pasted, which ends at the caret; the text after the caret stays. Only what this input added is
 * dropped: a note already longer (imported, or two people typing at once) loses nothing.
 */
export function clipAtCaret(area: HTMLTextAreaElement, maxChars: number, before: string): void {
  const length = [...area.value].length;
  const excess = Math.min(length - maxChars, length - [...before].length);
  if (excess <= 0) return;
  const caret = area.selectionEnd;
  const typed = [...area.value.slice(0, caret)];
  const kept = typed.slice(0, Math.max(0, typed.length - excess)).join("");
  area.value = kept + area.value.slice(caret);
  area.setSelectionRange(kept.length, kept.length);
}
