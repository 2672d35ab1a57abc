import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { firstPaintMessages } from './web/build/first-paint-messages.js';
import { signInShell } from './web/build/sign-in-shell.js';

const webSrc = fileURLToPath(new URL('./web/src', import.meta.url));

// The web app: built into dist/web and served by the API process; `npm run dev` serves it with hot reload.
export default defineConfig({
  root: 'web',
  plugins: [react(), firstPaintMessages(webSrc), signInShell(webSrc)],
  build: { outDir: '../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3001' } },
});
