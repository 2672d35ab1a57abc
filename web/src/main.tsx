import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AuthProvider } from './auth';
import { apiLang, I18nProvider, loadCatalogue, messagesReady } from './i18n';
import { keepShellInput } from './boot';
import './styles.css';

// The whole Vietnamese catalogue is fetched beside the first paint (which carries its own messages); a user who chose
// English gets the first screen in English: its catalogue is fetched before the first render.
void messagesReady();
if (apiLang() === 'en') await loadCatalogue('en').catch(() => undefined);

// The page's plain sign-in form (if any) is replaced by the app's: what was typed there is carried over.
keepShellInput();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AuthProvider>
        <App />
      </AuthProvider>
    </I18nProvider>
  </StrictMode>,
);
