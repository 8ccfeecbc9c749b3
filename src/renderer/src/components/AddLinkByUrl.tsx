/**
 * "Add link by URL": a related link typed by hand (URL and title required, excerpt
 * optional). When the URL belongs to an article of the folder, that article's summary is
 * copied instead, so the copy can be checked and refreshed later like any other.
 */
import { useId, useState } from 'react';
import { isHttpUrl, urlKey } from '../../../shared/related';
import type { RelatedOps } from '../hooks/use-related';
import { Dialog } from './Dialog';

/** Props of {@link AddLinkByUrl}. */
export interface AddLinkByUrlProps {
  ops: RelatedOps;
  onClose(): void;
}

/** The dialog that adds a link typed by hand. */
export function AddLinkByUrl({ ops, onClose }: AddLinkByUrlProps) {
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [excerpt, setExcerpt] = useState('');
  const [error, setError] = useState('');
  const [working, setWorking] = useState(false);
  const ids = { url: useId(), title: useId(), excerpt: useId(), error: useId(), form: useId() };

  const submit = async () => {
    const u = url.trim();
    if (!u) return setError('Enter the URL of the page to link to.');
    if (!isHttpUrl(u)) return setError('The URL must start with http:// or https://.');
    setError('');
    setWorking(true);
    try {
      // A page of this folder: copy its fields (and keep the copy checkable) instead.
      const hits = await ops.search(u, 5).catch(() => []);
      const inFolder = hits.find((h) => urlKey(h.url) === urlKey(u));
      if (inFolder) {
        const r = await ops.addFrom(inFolder.id, false);
        if (r === true) onClose();
        else setError(r);
        return;
      }
      if (!title.trim()) return setError('Enter a title for the link.');
      const r = await ops.addByHand({
        webUrl: u,
        title: title.trim(),
        ...(excerpt.trim() ? { excerpt: excerpt.trim() } : {}),
      });
      if (r === true) onClose();
      else setError(r);
    } finally {
      setWorking(false);
    }
  };

  const described = error ? ids.error : undefined;
  return (
    <Dialog
      title="Add link by URL"
      onCancel={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={ids.form} className="primary" disabled={working}>
            Add link
          </button>
        </>
      }
    >
      <form
        id={ids.form}
        className="add-link"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label htmlFor={ids.url}>URL</label>
        <input
          id={ids.url}
          type="url"
          data-autofocus
          required
          placeholder="https://"
          value={url}
          maxLength={8192}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => setUrl(e.target.value)}
        />
        <label htmlFor={ids.title}>Link title</label>
        <input
          id={ids.title}
          value={title}
          maxLength={1000}
          aria-describedby={described}
          onChange={(e) => setTitle(e.target.value)}
        />
        <label htmlFor={ids.excerpt}>Link excerpt (optional)</label>
        <textarea
          id={ids.excerpt}
          rows={3}
          value={excerpt}
          maxLength={20_000}
          onChange={(e) => setExcerpt(e.target.value)}
        />
        <p className="muted small">
          A page of this folder is copied from its article (title, excerpt, date, provider, images),
          so the copy can be refreshed when the article changes.
        </p>
        {error && (
          <p id={ids.error} className="msg msg-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}
