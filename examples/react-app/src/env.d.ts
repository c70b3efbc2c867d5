/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the Banter server runs. Default `http://localhost:3000` (the demo server). */
  readonly VITE_BANTER_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
