import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "../components/i18n/I18nProvider";
import { DeviceHousekeeping } from "../components/device/DeviceHousekeeping";
import "./globals.css";

export const metadata: Metadata = {
  title: "Samla",
  description: "Post-it workshops together: in the room, on phones and remotely.",
  referrer: "no-referrer",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * Every page is rendered per request, so that Next can put that response's CSP nonce (see
 * server/http/security-headers.ts) on its script tags: a page prerendered at build time (the start
 * page, /join, the 404 page) would carry no nonce, and the policy would block its scripts.
 */
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="sv">
      <body>
        <I18nProvider>{children}</I18nProvider>
        <DeviceHousekeeping />
      </body>
    </html>
  );
}
