"use client";

import { useEffect } from "react";
import { forgetUnusedBoards } from "./unusedCopies";

/** On every Samla page: copies of boards this device has not used for a month go (unusedCopies.ts). */
export function DeviceHousekeeping() {
  useEffect(() => void forgetUnusedBoards(window.location.pathname), []);
  return null;
}
