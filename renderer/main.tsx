import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { BridgeProvider } from './lib/bridge';
import './styles/theme.css';
import './styles/base.css';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <BridgeProvider bridge={window.securus}>
        <App />
      </BridgeProvider>
    </StrictMode>,
  );
}
