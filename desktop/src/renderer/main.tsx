import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyAppearance, readAppearance } from './lib/appearance';
import { registerServiceWorker } from './lib/pwa';
import './styles.css';

// Before the first paint: the theme and density chosen on this device (Settings > Appearance).
applyAppearance(readAppearance());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
registerServiceWorker();
