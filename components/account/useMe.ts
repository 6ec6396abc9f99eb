"use client";

import { useEffect, useState } from "react";
import type { MeResponse } from "../../lib/api/schemas";
import { accountApi } from "./accountApi";

/**
 * Whether this server wants sign-in, and who is signed in. Null until known; a server that cannot
 * be asked is taken as one without sign-in (it refuses a board that needs it, and the page says so).
 */
export function useMe(): MeResponse | null {
  const [me, setMe] = useState<MeResponse | null>(null);
  useEffect(() => {
    let current = true;
    accountApi.me().then(
      (answer) => current && setMe(answer),
      () => current && setMe({ signInRequired: false, user: null }),
    );
    return () => {
      current = false;
    };
  }, []);
  return me;
}
