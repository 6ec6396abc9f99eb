"use client";

import { useEffect, useRef } from "react";

/**
 * A native <dialog> shown modally while `open`: focus trapped, Escape closes it (the element's
 * `onClose` tells the owner), the page behind inert. Returns the ref to put on the <dialog>.
 */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
