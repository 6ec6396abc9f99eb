"use client";

import { useId } from "react";
import { useI18n } from "../i18n/I18nProvider";
import s from "./phone.module.css";

/**
 * The step's categories as large choices (Främjar / Motverkar, Backspegling's four questions): a
 * radio group a thumb can hit, each the worksheet's own words. The note lands in that column.
 */
export function CategoryChoice({ choices, value, onChange }: { choices: ReadonlyArray<{ cell: number; label: string }>; value: number | null; onChange(cell: number): void }) {
  const { t } = useI18n();
  const name = useId();
  return (
    <fieldset className={s.categories} data-testid="category-choice">
      <legend>{t("phone.category")}</legend>
      {choices.map((choice) => (
        <label key={choice.cell} className={s.category}>
          <input type="radio" name={name} value={choice.cell} checked={value === choice.cell} onChange={() => onChange(choice.cell)} />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
