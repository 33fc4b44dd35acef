import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18nContext } from '@/components/i18n-context';
import { t } from '@/lib/i18n';
import { configureZodForExtension } from '@/lib/zod-setup';
import { SidepanelApp } from './sidepanel-app';
import '@/components/sidepanel/sidepanel.css';

configureZodForExtension();
document.documentElement.lang = browser.i18n.getUILanguage();
const app = document.getElementById('app');
if (app)
  render(
    <I18nContext.Provider value={t}>
      <SidepanelApp />
    </I18nContext.Provider>,
    app,
  );
