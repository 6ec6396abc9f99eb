import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { I18nProvider } from "../components/i18n/I18nProvider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Samla",
  description: "Post-it workshops together: in the room, on phones and remotely.",
  referrer: "no-referrer",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="sv">
      <body>
        <I18nProvider>{children}</I18nProvider>
      </body>
    </html>
  );
}
