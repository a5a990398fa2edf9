/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Under the Aspire AppHost the gateway's address comes from service discovery; alone, the gateway of scripts/run.sh.
const gateway = process.env.services__gateway__http__0 ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.PORT ?? 5173),
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/openapi': { target: gateway },
      '/scalar': { target: gateway },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
