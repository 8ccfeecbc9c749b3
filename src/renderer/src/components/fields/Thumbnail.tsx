import { useEffect, useState } from 'react';
import { isOpenableUrl } from './UrlField';

/** An image thumbnail that shows a calm placeholder when the image cannot load (offline, 404). */
export function Thumbnail({ url, alt }: { url: string; alt: string }) {
  const [failed, setFailed] = useState(false);
  useEffect(() => setFailed(false), [url]);
  if (!url || failed || !isOpenableUrl(url)) {
    return (
      <div className="thumb thumb-placeholder" role="img" aria-label={`${alt} (not available)`}>
        <span aria-hidden="true">No preview</span>
      </div>
    );
  }
  return (
    <img
      className="thumb"
      src={url}
      alt={alt}
      loading="lazy"
      referrerPolicy="no-referrer"
      onError={() => setFailed(true)}
    />
  );
}
