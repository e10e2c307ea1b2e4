import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import { AppRoutes } from './app.tsx';
import { LangProvider } from './session/lang.tsx';
import { SessionProvider } from './session/session.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <LangProvider>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </LangProvider>
  </StrictMode>,
);
