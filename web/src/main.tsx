import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AuthProvider } from './auth';
import { apiLang, I18nProvider, loadCatalogue } from './i18n';
import './styles.css';

// A user who chose English gets the first screen in English: its catalogue is fetched before the first render.
await loadCatalogue(apiLang()).catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AuthProvider>
        <App />
      </AuthProvider>
    </I18nProvider>
  </StrictMode>,
);
