import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The chat server is another origin (VITE_BANTER_URL, default http://localhost:3000) that
// answers with CORS headers, so no dev proxy is needed.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173 },
});
