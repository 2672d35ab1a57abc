import { useI18n } from './i18n';

export function LangToggle() {
  const { lang, setLang, t } = useI18n();
  return (
    <button
      type="button"
      className="btn btn-small lang-toggle"
      aria-label={t('lang.switchLabel')}
      title={t('lang.switchLabel')}
      onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
    >
      <span aria-hidden="true" className={lang === 'vi' ? 'on' : ''}>
        VI
      </span>
      <span aria-hidden="true">/</span>
      <span aria-hidden="true" className={lang === 'en' ? 'on' : ''}>
        EN
      </span>
    </button>
  );
}
