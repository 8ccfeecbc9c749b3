import { useState } from 'react';
import type { Problem } from '../../../../shared/article';
import type { FieldDraft } from '../../lib/edit-state';
import { fieldInputId } from '../../lib/field-ids';
import { FieldMessages } from './FieldMessages';
import { NumberField } from './NumberField';
import { TextField } from './TextField';
import { Thumbnail, type NaturalSize } from './Thumbnail';

type Img = Record<string, unknown>;

/** `true` when an image's width or height holds no value yet. */
function sizeMissing(img: Img): boolean {
  const empty = (v: unknown) => v === undefined || v === null || v === '';
  return empty(img.width) || empty(img.height);
}

/** The image with its missing width/height taken from `size` (given ones are kept). */
function withSize(img: Img, size: NaturalSize): Img {
  const out: Img = { ...img };
  if (img.width === undefined || img.width === null || img.width === '') out.width = size.width;
  if (img.height === undefined || img.height === null || img.height === '')
    out.height = size.height;
  return out;
}

/** The URL of image `i` of a list, or `''`. */
function urlAt(list: unknown, i: number): string {
  const img: unknown = Array.isArray(list) ? list[i] : undefined;
  const url = img !== null && typeof img === 'object' ? (img as Img).url : undefined;
  return typeof url === 'string' ? url.trim() : '';
}

/**
 * The images list: a thumbnail, URL, width and height per image; add and remove images.
 * When the thumbnail of a new or changed URL loads, an empty width/height is filled from the
 * image's natural size, as an edit (unsaved, undoable); for an image as read, a button
 * offers the same.
 */
export function ImagesField({
  value,
  baseValue,
  problems,
  onSet,
  onSetList,
  drafts,
  onDraft,
}: {
  value: unknown;
  /** The images as read (a URL that differs from it is a new or changed image). */
  baseValue?: unknown;
  /** Problems of `images` and everything under it. */
  problems: readonly Problem[];
  /** Entries of the article that are not values yet (width/height that are not numbers). */
  drafts?: ReadonlyMap<string, FieldDraft>;
  onDraft?(path: string, draft: FieldDraft | null): void;
  /** Sets one field of one image (`images[0].width`). */
  onSet(path: string, value: unknown, coalesce?: boolean): void;
  /** Replaces the whole list (adding or removing an image). */
  onSetList(list: unknown[] | undefined): void;
}) {
  const images: unknown[] = Array.isArray(value) ? value : [];
  const at = (path: string): Problem[] => problems.filter((p) => p.path === path);
  // Natural sizes of the thumbnails loaded so far, by URL.
  const [sizes, setSizes] = useState<ReadonlyMap<string, NaturalSize>>(new Map());
  const loaded = (i: number, size: NaturalSize, url: string) => {
    setSizes((m) => (m.get(url)?.width === size.width ? m : new Map(m).set(url, size)));
    const img = images[i];
    if (img === null || typeof img !== 'object' || urlAt(images, i) !== url) return;
    if (sizeMissing(img as Img) && url !== urlAt(baseValue, i)) {
      onSet(`images[${i}]`, withSize(img as Img, size));
    }
  };
  return (
    <fieldset className="field field-images" id={fieldInputId('images')} tabIndex={-1}>
      <legend className="field-label">Images</legend>
      {images.length === 0 && <p className="empty-note">No images.</p>}
      <ol className="images">
        {images.map((raw, i) => {
          const img: Img = raw !== null && typeof raw === 'object' ? (raw as Img) : {};
          const base = `images[${i}]`;
          const url = typeof img.url === 'string' ? img.url : '';
          const natural = sizes.get(url.trim());
          return (
            <li key={i} className="image-row">
              <fieldset className="image-item">
                <legend className="sr-only">Image {i + 1}</legend>
                <Thumbnail
                  url={url}
                  alt={`Image ${i + 1}`}
                  onLoadSize={(size, loadedUrl) => loaded(i, size, loadedUrl)}
                />
                <div className="image-fields">
                  <TextField
                    path={`${base}.url`}
                    label="URL"
                    value={img.url}
                    problems={at(`${base}.url`)}
                    onChange={(v) => onSet(`${base}.url`, v, true)}
                  />
                  <div className="image-size">
                    <NumberField
                      path={`${base}.width`}
                      label="Width"
                      value={img.width}
                      min={1}
                      integer
                      problems={at(`${base}.width`)}
                      draft={drafts?.get(`${base}.width`)}
                      onDraft={(d) => onDraft?.(`${base}.width`, d)}
                      onChange={(v) => onSet(`${base}.width`, v, true)}
                    />
                    <NumberField
                      path={`${base}.height`}
                      label="Height"
                      value={img.height}
                      min={1}
                      integer
                      problems={at(`${base}.height`)}
                      draft={drafts?.get(`${base}.height`)}
                      onDraft={(d) => onDraft?.(`${base}.height`, d)}
                      onChange={(v) => onSet(`${base}.height`, v, true)}
                    />
                    {img.isCached !== undefined && (
                      <span className="field-note">
                        {img.isCached === true ? 'Cached' : 'Not cached'}
                      </span>
                    )}
                  </div>
                  {natural && sizeMissing(img) && (
                    <button
                      type="button"
                      className="subtle"
                      onClick={() => onSet(base, withSize(img, natural))}
                    >
                      Use image size {natural.width} × {natural.height}
                    </button>
                  )}
                  <FieldMessages path={base} problems={at(base)} />
                </div>
                <button
                  type="button"
                  className="subtle"
                  onClick={() => {
                    const next = images.filter((_, j) => j !== i);
                    onSetList(next);
                  }}
                >
                  Remove image
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <FieldMessages path="images" problems={at('images')} />
      <button type="button" className="subtle" onClick={() => onSetList([...images, { url: '' }])}>
        Add image
      </button>
    </fieldset>
  );
}
