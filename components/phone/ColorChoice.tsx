"use client";

import { useId } from "react";
import type { MessageKey } from "../../lib/i18n";
import { NOTE_COLORS } from "../../lib/schema/note-colors";
import { useI18n } from "../i18n/I18nProvider";
import s from "./phone.module.css";

export const colorName = (hex: string): MessageKey => `color.${NOTE_COLORS.find((c) => c.hex === hex)?.id ?? "yellow"}` as MessageKey;

/** The six post-it colours as a radio group: 44px swatches, each labelled with its name. */
export function ColorChoice({ value, onChange }: { value: string; onChange(hex: string): void }) {
  const { t } = useI18n();
  const name = useId();
  return (
    <fieldset className={s.colors}>
      <legend>
        {t("phone.color")}: <strong>{t(colorName(value))}</strong>
      </legend>
      <div className={s.swatches}>
        {NOTE_COLORS.map((color) => (
          <label key={color.id} className={s.swatch}>
            <input type="radio" name={name} value={color.hex} checked={value === color.hex} onChange={() => onChange(color.hex)} />
            <span style={{ background: color.hex }}>
              <span className="visually-hidden">{t(`color.${color.id}`)}</span>
              {value === color.hex && <CheckIcon />}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function CheckIcon() {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M5 12.5l4.5 4.5L19 7.5" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
