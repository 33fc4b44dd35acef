import { useT } from '@/components/i18n-context';

/** Switches Flagpost's overlays on or off for the site in the current tab. */
export function SiteToggle(props: {
  host: string;
  enabled: boolean;
  onChange: (enabled: boolean) => void;
}) {
  const t = useT();
  return (
    <label class="toggle" data-testid="site-toggle">
      <input
        type="checkbox"
        checked={props.enabled}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      {t('popupSiteToggle', props.host)}
    </label>
  );
}
