// Vite build of the web app into web/dist (served by the service at /). `npm run dev` proxies
// /api to a running service (APPROVALS_API, default http://127.0.0.1:3000).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      output: {
        // Charts and the component library change rarely: their own long-cached files.
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender')) return 'echarts';
          if (id.includes('node_modules/antd') || id.includes('node_modules/@ant-design') || id.includes('node_modules/rc-')) return 'antd';
          return undefined;
        },
      },
    },
  },
  server: { proxy: { '/api': process.env.APPROVALS_API ?? 'http://127.0.0.1:3000' } },
});
