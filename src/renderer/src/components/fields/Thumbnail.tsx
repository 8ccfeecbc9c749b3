import { useEffect, useState } from 'react';
import { isOpenableUrl } from './UrlField';

/** An image's size in pixels, as loaded. */
export interface NaturalSize {
  width: number;
  height: number;
}

/**
 * `value`, changed only once it has stayed the same for `delayMs` (the first value at once),
 * so a URL being typed is not fetched at every keystroke.
 */
export function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const t = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(t);
  }, [value, settled, delayMs]);
  return settled;
}

/**
 * An image thumbnail (http or https) that loads once typing has stopped, tells its natural
 * size when loaded, and shows a calm placeholder when the image cannot load (offline, 404).
 */
export function Thumbnail({
  url,
  alt,
  delayMs = 400,
  onLoadSize,
}: {
  url: string;
  alt: string;
  /** Milliseconds the URL must stay unchanged before it is loaded. */
  delayMs?: number;
  /** The image loaded: its natural size, and the URL it was loaded from. */
  onLoadSize?(size: NaturalSize, url: string): void;
}) {
  const shown = useSettled(url.trim(), delayMs);
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [shown]);
  if (!shown || failed || !isOpenableUrl(shown)) {
    return (
      <div className="thumb thumb-placeholder" role="img" aria-label={`${alt} (not available)`}>
        <span aria-hidden="true">{shown !== url.trim() ? 'Loading…' : 'No preview'}</span>
      </div>
    );
  }
  return (
    <img
      className="thumb"
      src={shown}
      alt={alt}
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
      onLoad={(e) => {
        const img = e.currentTarget;
        if (img.naturalWidth > 0 && img.naturalHeight > 0) {
          onLoadSize?.({ width: img.naturalWidth, height: img.naturalHeight }, shown);
        }
      }}
    />
  );
}
