"use client";

import { useEffect, useId, useRef, useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { identityCheck, preloadIdentityCheck } from "./identityCheck";
import s from "./phone.module.css";

export interface IdentityNumberDialogProps {
  /** The text the numbers were found in (shown so the writer sees what was meant). */
  text: string;
  /** "Remove it for me": the caller puts removeIdentityNumbers(text) back in the field, sends nothing. */
  onRemove(): void;
  /** "Edit myself" (also Escape): back to the field. */
  onEdit(): void;
  /** "It is not an ID number – send anyway": sends with allowIdentityNumber. */
  onSendAnyway(): void;
}

/**
 * Asks the writer to take out what looks like a personal identity number before a note leaves
 * the phone. A modal <dialog> with role="alertdialog": focus moves into it and stays there.
 */
export function IdentityNumberDialog({ text, onRemove, onEdit, onSendAnyway }: IdentityNumberDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  const found = (identityCheck()?.findIdentityNumbers(text) ?? []).map((match) => match.text);
  // Opened for a note the server refused, the check may not be here yet: show the numbers once it is.
  const [, setCheckLoaded] = useState(false);
  useEffect(() => {
    if (!identityCheck()) void preloadIdentityCheck().then((lib) => lib && setCheckLoaded(true));
  }, []);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    }
    first.current?.focus();
    return () => {
      if (dialog.open && typeof dialog.close === "function") dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={s.dialog}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        onEdit();
      }}
    >
      <h2 id={titleId}>{t("phone.idTitle")}</h2>
      <div id={textId}>
        <p>{t("phone.idText")}</p>
        {found.length > 0 && (
          <p>
            {t("phone.idFound")}{" "}
            {found.map((number, i) => (
              <span key={i}>
                {i > 0 && ", "}
                <mark>{number}</mark>
              </span>
            ))}
          </p>
        )}
      </div>
      <div className={s.dialogButtons}>
        <button type="button" ref={first} className={s.primary} onClick={onRemove}>
          {t("phone.idRemove")}
        </button>
        <button type="button" onClick={onEdit}>
          {t("phone.idEdit")}
        </button>
        <button type="button" className={s.quiet} onClick={onSendAnyway}>
          {t("phone.idSendAnyway")}
        </button>
      </div>
    </dialog>
  );
}
