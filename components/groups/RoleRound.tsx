"use client";

import { useKitText } from "../i18n/useKitText";
import { groupsApi } from "./groupsApi";
import styles from "./groups.module.css";

/**
 * Which round of roles the groups are in, and the press that moves every role on one seat
 * (Arbetsmöte 4: "Om vi har tid byter vi roller"). The phones show each person their new role.
 */
export function RoleRound({ boardId, round, run }: { boardId: string; round: number; run(request: Promise<unknown>): void }) {
  const { t } = useKitText();
  return (
    <p className={styles.round}>
      <span role="status">{t("groups.round", { round: round + 1 })}</span>
      <button type="button" onClick={() => run(groupsApi.nextRound(boardId))}>
        {t("groups.nextRound")}
      </button>
    </p>
  );
}
