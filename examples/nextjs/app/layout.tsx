import type { Metadata } from 'next';
import type { ReactNode } from 'react';
// Banter's optional stylesheet, then the page's own. Global CSS may be imported here, in a
// server component; it ends up in a <link> in the page's head.
import '@banter/react/styles.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'Banter in Next.js',
  description: 'Banter chat in a Next.js App Router page',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
