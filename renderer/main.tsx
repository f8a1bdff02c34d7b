import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { BridgeProvider } from './lib/bridge';
import './styles/theme.css';
import './styles/base.css';
import './styles/components.css';
import './styles/layout.css';

const container = document.getElementById('root');
if (container) {
  // Opened outside the console window or the preview, there is no bridge: say so instead of a blank page.
  const bridge = (window as Partial<Window>).securus;
  createRoot(container).render(
    <StrictMode>
      {bridge ? (
        <BridgeProvider bridge={bridge}>
          <App />
        </BridgeProvider>
      ) : (
        <main className="screen-center">
          <p>Securus Console must be opened from the Securus Console application.</p>
        </main>
      )}
    </StrictMode>,
  );
}
