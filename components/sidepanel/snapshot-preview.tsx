/**
 * The evidence snapshot of the active queue row: a thumbnail that opens the full image (a
 * data URL from the local store; nothing is fetched from the web).
 */
import { useT } from '@/components/i18n-context';

export interface SnapshotPreviewProps {
  sha256: string;
  image?: { dataUrl: string; createdAt: string } | undefined;
  error?: string | undefined;
}

export function SnapshotPreview({ sha256, image, error }: SnapshotPreviewProps) {
  const t = useT();
  const label = t('spSnapshotOpen', sha256.slice(0, 12));
  return (
    <section class="snapshot" data-testid="snapshot" data-sha256={sha256} aria-label={label}>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {image && (
        <a href={image.dataUrl} target="_blank" rel="noreferrer" download={`${sha256}.png`}>
          <img src={image.dataUrl} alt={t('spSnapshotAlt')} data-testid="snapshot-image" />
          <span>{label}</span>
        </a>
      )}
    </section>
  );
}
