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
 * Checks an `images` list at `base` (`images` or `related[2].images`).
 * @param label what the editor calls the list's owner, prefixed to messages (`''` or `Related item 3: `).
 * @param formatSeverity severity for format problems (URL, size); wrong types are always errors.
 */
export function checkImages(
  out: ProblemCollector,
  value: unknown,
  base: string,
  label: string,
  formatSeverity: Severity,
): void {
  if (!isPresent(value)) return;
  if (!Array.isArray(value)) {
    out.error(
      base,
      'type',
      `${label}Images must be a list of images (url, width, height, isCached).`,
    );
    return;
  }
  value.forEach((image, i) => {
    const path = `${base}[${i}]`;
    const name = `${label}Image ${i + 1}`;
    if (!isPlainObject(image)) {
      out.error(path, 'type', `${name} must be a map with url, width, height and isCached.`);
      return;
    }
    const url = image.url;
    if (!isPresent(url) || url === '') {
      out.add(`${path}.url`, formatSeverity, 'required', `${name} has no URL.`);
    } else if (typeof url !== 'string') {
      out.error(`${path}.url`, 'type', `${name} URL must be text.`);
    } else if (!isHttpUrl(url)) {
      out.add(
        `${path}.url`,
        formatSeverity,
        'url',
        `${name} URL must be a web address starting with http:// or https://.`,
      );
    }
    for (const dim of ['width', 'height'] as const) {
      const v = image[dim];
      if (!isPresent(v)) continue;
      if (typeof v !== 'number') {
        out.error(`${path}.${dim}`, 'type', `${name} ${dim} must be a whole number of pixels.`);
      } else if (!isPositiveInteger(v)) {
        out.add(
          `${path}.${dim}`,
          formatSeverity,
          'range',
          `${name} ${dim} must be a whole number of pixels greater than 0 (it is ${show(v)}).`,
        );
      }
    }
    if (isPresent(image.isCached) && typeof image.isCached !== 'boolean') {
      out.error(`${path}.isCached`, 'type', `${name} isCached must be true or false.`);
    }
  });
}

/** Text fields of a related item, with the label used in messages. */
const RELATED_TEXT_FIELDS: ReadonlyArray<[string, string]> = [
  ['title', 'title'],
  ['excerpt', 'excerpt'],
  ['type', 'type'],
];

/**
 * Checks the `related` list: item shapes and types (errors), and missing or non-http(s)
 * `webUrl`, duplicate links, links to the article itself, missing titles, bad dates and
 * out-of-range quality (warnings).
 * @param selfUrls normalized `webUrl`/`originalUrl` of the article being validated.
 */
export function checkRelated(
  out: ProblemCollector,
  value: unknown,
  selfUrls: ReadonlySet<string>,
): void {
  if (!isPresent(value)) return;
  if (!Array.isArray(value)) {
    out.error('related', 'type', 'Related must be a list of related articles.');
    return;
  }
  const seen = new Map<string, number>();
  value.forEach((item, i) => {
    const path = `related[${i}]`;
    const name = `Related item ${i + 1}`;
    if (!isPlainObject(item)) {
      out.error(
        path,
        'type',
        `${name} must be a map with a title, a web URL and the other summary fields.`,
      );
      return;
    }
    for (const [key, word] of RELATED_TEXT_FIELDS) {
      const v = item[key];
      if (isPresent(v) && typeof v !== 'string') {
        out.error(`${path}.${key}`, 'type', `${name} ${word} must be text.`);
      }
    }
    if (!isFilledString(item.title) && (!isPresent(item.title) || typeof item.title === 'string')) {
      out.warning(`${path}.title`, 'required', `${name} has no title.`);
    }

    const url = item.webUrl;
    if (!isPresent(url) || (typeof url === 'string' && url.trim() === '')) {
      out.warning(`${path}.webUrl`, 'required', `${name} has no web URL.`);
    } else if (typeof url !== 'string') {
      out.error(`${path}.webUrl`, 'type', `${name} web URL must be text.`);
    } else if (!isHttpUrl(url)) {
      out.warning(
        `${path}.webUrl`,
        'url',
        `${name} web URL must be a web address starting with http:// or https://.`,
      );
    } else {
      const key = normalizeUrl(url);
      const first = seen.get(key);
      if (first !== undefined) {
        out.warning(
          `${path}.webUrl`,
          'duplicate-url',
          `${name} links to the same page as related item ${first + 1}.`,
        );
      } else {
        seen.set(key, i);
      }
      if (selfUrls.has(key)) {
        out.warning(`${path}.webUrl`, 'self-link', `${name} links to this article itself.`);
      }
    }

    const date = item.publishedDateTime;
    if (isPresent(date) && date !== '') {
      if (typeof date !== 'string') {
        out.error(
          `${path}.publishedDateTime`,
          'type',
          `${name} published date must be a date and time.`,
        );
      } else if (!isIsoDateTime(date)) {
        out.warning(
          `${path}.publishedDateTime`,
          'date',
          `${name} published date must be a date and time like 2022-09-11T23:01:00Z.`,
        );
      }
    }

    const q = item.quality;
    if (isPresent(q)) {
      if (typeof q !== 'number') {
        out.error(`${path}.quality`, 'type', `${name} quality must be a number from 0 to 100.`);
      } else if (!isFiniteNumber(q) || q < 0 || q > 100) {
        out.warning(`${path}.quality`, 'range', `${name} quality must be a number from 0 to 100.`);
      }
    }

    const provider = item.provider;
    if (isPresent(provider)) {
      if (!isPlainObject(provider)) {
        out.error(
          `${path}.provider`,
          'type',
          `${name} provider must be a map with a name and a domain.`,
        );
      } else {
        for (const key of ['name', 'domain']) {
          if (isPresent(provider[key]) && typeof provider[key] !== 'string') {
            out.error(`${path}.provider.${key}`, 'type', `${name} provider ${key} must be text.`);
          }
        }
      }
    }

    checkImages(out, item.images, `${path}.images`, `${name}: `, 'warning');
  });
}
