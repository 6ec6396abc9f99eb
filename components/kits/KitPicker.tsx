"use client";

import type { Language } from "../../lib/i18n/core";
import type { KitListResponse } from "../../lib/kits/api";
import { useKitText } from "../i18n/useKitText";
import styles from "./kits.module.css";

export const BLANK_KIT = "blank";

/**
 * A native select of the method kits, grouped by where each method comes from, with the chosen
 * kit's description under it: the keyboard, screen readers and phones all know a select.
 */
export function KitPicker(props: { id: string; label: string; list: KitListResponse; value: string; onChange(id: string): void; withBlank: boolean; language: Language }) {
  const { t } = useKitText();
  const { list, language } = props;
  const kits = list.kits.filter((kit) => props.withBlank || kit.id !== BLANK_KIT);
  const groups = list.sources.map((source) => ({ source, kits: kits.filter((kit) => kit.source === source.id) })).filter((group) => group.kits.length > 0);
  const selected = kits.find((kit) => kit.id === props.value);
  const describedBy = `${props.id}-description`;

  return (
    <div className={styles.picker}>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value)} aria-describedby={describedBy}>
        {groups.map(({ source, kits: inGroup }) => (
          <optgroup key={source.id} label={source.title[language]}>
            {inGroup.map((kit) => (
              <option key={kit.id} value={kit.id}>
                {kit.title[language]}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p id={describedBy} className={styles.description} aria-live="polite">
        {selected && (
          <>
            {selected.description[language]}
            {selected.frames + selected.steps > 0 && (
              <span className={styles.counts}>
                {" "}
                {t("kits.frames", { count: selected.frames })} · {t("kits.steps", { count: selected.steps })}
              </span>
            )}
          </>
        )}
      </p>
    </div>
  );
}
