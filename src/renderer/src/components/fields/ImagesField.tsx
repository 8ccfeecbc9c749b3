import type { Problem } from '../../../../shared/article';
import type { FieldDraft } from '../../lib/edit-state';
import { fieldInputId } from '../../lib/field-ids';
import { FieldMessages } from './FieldMessages';
import { NumberField } from './NumberField';
import { TextField } from './TextField';
import { Thumbnail } from './Thumbnail';

type Img = Record<string, unknown>;

/** The images list: a thumbnail, URL, width and height per image; add and remove images. */
export function ImagesField({
  value,
  problems,
  onSet,
  onSetList,
  drafts,
  onDraft,
}: {
  value: unknown;
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
  return (
    <fieldset className="field field-images" id={fieldInputId('images')} tabIndex={-1}>
      <legend className="field-label">Images</legend>
      {images.length === 0 && <p className="empty-note">No images.</p>}
      <ol className="images">
        {images.map((raw, i) => {
          const img: Img = raw !== null && typeof raw === 'object' ? (raw as Img) : {};
          const base = `images[${i}]`;
          const url = typeof img.url === 'string' ? img.url : '';
          return (
            <li key={i} className="image-row">
              <fieldset className="image-item">
                <legend className="sr-only">Image {i + 1}</legend>
                <Thumbnail url={url} alt={`Image ${i + 1}`} />
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
