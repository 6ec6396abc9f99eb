"use client";

import { useState } from "react";
import type { FrameStore } from "../board/frameStore";
import type { Groups, KeptGroups } from "../../lib/schema/session";
import { useKitText } from "../i18n/useKitText";
import { GroupsDialog } from "./GroupsDialog";
import { useFrameList } from "./useFrameList";

/** The workshop bar's "Small groups" button and its dialog (facilitator only). */
export function GroupsControl({ boardId, frames, groups, kept }: { boardId: string; frames: FrameStore | undefined; groups: Groups | null; kept: KeptGroups | null }) {
  const { t } = useKitText();
  const [open, setOpen] = useState(false);
  const list = useFrameList(frames);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t("groups.open")}
      </button>
      <GroupsDialog boardId={boardId} open={open} frames={list} groups={groups} kept={kept} onClose={() => setOpen(false)} />
    </>
  );
}
