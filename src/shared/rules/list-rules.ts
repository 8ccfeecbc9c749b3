/**
 * Rules for the list fields `images` and `related` (PRODUCT.md §1 and §4).
 * Wrong types are errors; the softer checks of related items (missing or odd URL,
 * duplicates, self-links, copied values out of range) are warnings, because a related
 * item is a copy of another article and should not stop an editor's work.
 */
import type { Severity } from '../article';
import { isPlainObject } from '../plain-data';
import {
  isFiniteNumber,
  isFilledString,
  isPresent,
  show,
  type ProblemCollector,
} from './collector';
import { isHttpUrl, isIsoDateTime, normalizeUrl } from './formats';

function isPositiveInteger(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) > 0;
}

/**
 * Checks an `images` list: the article's own (`related` null: paths `images[i]…`, errors for
 * format problems too) or that of related item `related` (paths `related[2].images[i]…`,
 * messages prefixed `Related item 3: `, format problems as warnings: a related item is a
 * copy of another article).
 *
 * Paths and messages are built only when a problem is found: most files have none, and
 * building them for every item of every file was a good part of a cold index build.
 */
export function checkImages(out: ProblemCollector, value: unknown, related: number | null): void {
  if (!isPresent(value)) return;
  if (!Array.isArray(value)) {
    out.error(
      imagesPath(related),
      'type',
      `${imagesLabel(related)}Images must be a list of images (url, width, height, isCached).`,
    );
    return;
  }
  const formatSeverity: Severity = related === null ? 'error' : 'warning';
  for (let i = 0; i < value.length; i++) {
    const image: unknown = value[i];
    if (!isPlainObject(image)) {
      out.error(
        imagePath(related, i),
        'type',
        `${imageName(related, i)} must be a map with url, width, height and isCached.`,
      );
      continue;
    }
    const url = image.url;
    if (!isPresent(url) || url === '') {
      out.add(
        `${imagePath(related, i)}.url`,
        formatSeverity,
        'required',
        `${imageName(related, i)} has no URL.`,
      );
    } else if (typeof url !== 'string') {
      out.error(
        `${imagePath(related, i)}.url`,
        'type',
        `${imageName(related, i)} URL must be text.`,
      );
    } else if (!isHttpUrl(url)) {
      out.add(
        `${imagePath(related, i)}.url`,
        formatSeverity,
        'url',
        `${imageName(related, i)} URL must be a web address starting with http:// or https://.`,
      );
    }
    checkDimension(out, image.width, 'width', related, i, formatSeverity);
    checkDimension(out, image.height, 'height', related, i, formatSeverity);
    if (isPresent(image.isCached) && typeof image.isCached !== 'boolean') {
      out.error(
        `${imagePath(related, i)}.isCached`,
        'type',
        `${imageName(related, i)} isCached must be true or false.`,
      );
    }
  }
}

/** The `width` or `height` of image `i` of an images list (see {@link checkImages}). */
function checkDimension(
  out: ProblemCollector,
  v: unknown,
  dim: 'width' | 'height',
  related: number | null,
  i: number,
  formatSeverity: Severity,
): void {
  if (!isPresent(v)) return;
  if (typeof v !== 'number') {
    out.error(
      `${imagePath(related, i)}.${dim}`,
      'type',
      `${imageName(related, i)} ${dim} must be a whole number of pixels.`,
    );
  } else if (!isPositiveInteger(v)) {
    out.add(
      `${imagePath(related, i)}.${dim}`,
      formatSeverity,
      'range',
      `${imageName(related, i)} ${dim} must be a whole number of pixels greater than 0 (it is ${show(v)}).`,
    );
  }
}

/** Path of an images list: `images`, or `related[2].images` for related item 2. */
function imagesPath(related: number | null): string {
  return related === null ? 'images' : `${relatedPath(related)}.images`;
}

/** Prefix of messages about an images list: `''`, or `Related item 3: `. */
function imagesLabel(related: number | null): string {
  return related === null ? '' : `${relatedName(related)}: `;
}

function imagePath(related: number | null, i: number): string {
  return `${imagesPath(related)}[${i}]`;
}

function imageName(related: number | null, i: number): string {
  return `${imagesLabel(related)}Image ${i + 1}`;
}

/** Path of related item `i`: `related[2]`. */
function relatedPath(i: number): string {
  return `related[${i}]`;
}

/** What messages call related item `i`: `Related item 3`. */
function relatedName(i: number): string {
  return `Related item ${i + 1}`;
}

/** Text fields of a related item (messages call them by these names too). */
const RELATED_TEXT_FIELDS = ['title', 'excerpt', 'type'] as const;

/**
 * Checks the `related` list: item shapes and types (errors), and missing or non-http(s)
 * `webUrl`, duplicate links, links to the article itself, missing titles, bad dates and
 * out-of-range quality (warnings).
 * @param selfUrls normalized `webUrl`/`originalUrl` of the article being validated.
 */
export function checkRelated(
  out: ProblemCollector,
  value: unknown,
  selfUrls: readonly string[],
): void {
  if (!isPresent(value)) return;
  if (!Array.isArray(value)) {
    out.error('related', 'type', 'Related must be a list of related articles.');
    return;
  }
  const seen = new Map<string, number>();
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (!isPlainObject(item)) {
      out.error(
        relatedPath(i),
        'type',
        `${relatedName(i)} must be a map with a title, a web URL and the other summary fields.`,
      );
      continue;
    }
    for (let k = 0; k < RELATED_TEXT_FIELDS.length; k++) {
      const key = RELATED_TEXT_FIELDS[k];
      const v = item[key];
      if (isPresent(v) && typeof v !== 'string') {
        out.error(`${relatedPath(i)}.${key}`, 'type', `${relatedName(i)} ${key} must be text.`);
      }
    }
    if (!isFilledString(item.title) && (!isPresent(item.title) || typeof item.title === 'string')) {
      out.warning(`${relatedPath(i)}.title`, 'required', `${relatedName(i)} has no title.`);
    }

    const url = item.webUrl;
    if (!isPresent(url) || (typeof url === 'string' && url.trim() === '')) {
      out.warning(`${relatedPath(i)}.webUrl`, 'required', `${relatedName(i)} has no web URL.`);
    } else if (typeof url !== 'string') {
      out.error(`${relatedPath(i)}.webUrl`, 'type', `${relatedName(i)} web URL must be text.`);
    } else if (!isHttpUrl(url)) {
      out.warning(
        `${relatedPath(i)}.webUrl`,
        'url',
        `${relatedName(i)} web URL must be a web address starting with http:// or https://.`,
      );
    } else {
      const key = normalizeUrl(url);
      const first = seen.get(key);
      if (first !== undefined) {
        out.warning(
          `${relatedPath(i)}.webUrl`,
          'duplicate-url',
          `${relatedName(i)} links to the same page as related item ${first + 1}.`,
        );
      } else {
        seen.set(key, i);
      }
      if (selfUrls.includes(key)) {
        out.warning(
          `${relatedPath(i)}.webUrl`,
          'self-link',
          `${relatedName(i)} links to this article itself.`,
        );
      }
    }

    const date = item.publishedDateTime;
    if (isPresent(date) && date !== '') {
      if (typeof date !== 'string') {
        out.error(
          `${relatedPath(i)}.publishedDateTime`,
          'type',
          `${relatedName(i)} published date must be a date and time.`,
        );
      } else if (!isIsoDateTime(date)) {
        out.warning(
          `${relatedPath(i)}.publishedDateTime`,
          'date',
          `${relatedName(i)} published date must be a date and time like 2022-09-11T23:01:00Z.`,
        );
      }
    }

    const q = item.quality;
    if (isPresent(q)) {
      if (typeof q !== 'number') {
        out.error(
          `${relatedPath(i)}.quality`,
          'type',
          `${relatedName(i)} quality must be a number from 0 to 100.`,
        );
      } else if (!isFiniteNumber(q) || q < 0 || q > 100) {
        out.warning(
          `${relatedPath(i)}.quality`,
          'range',
          `${relatedName(i)} quality must be a number from 0 to 100.`,
        );
      }
    }

    const provider = item.provider;
    if (isPresent(provider)) {
      if (!isPlainObject(provider)) {
        out.error(
          `${relatedPath(i)}.provider`,
          'type',
          `${relatedName(i)} provider must be a map with a name and a domain.`,
        );
      } else {
        checkProviderText(out, provider.name, 'name', i);
        checkProviderText(out, provider.domain, 'domain', i);
      }
    }

    checkImages(out, item.images, i);
  }
}

/** The `name` or `domain` of related item `i`'s provider. */
function checkProviderText(
  out: ProblemCollector,
  v: unknown,
  key: 'name' | 'domain',
  i: number,
): void {
  if (isPresent(v) && typeof v !== 'string') {
    out.error(
      `${relatedPath(i)}.provider.${key}`,
      'type',
      `${relatedName(i)} provider ${key} must be text.`,
    );
  }
}
