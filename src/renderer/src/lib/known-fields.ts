/** Front matter keys with a typed widget (PRODUCT.md §1); any other key is an "Other field". */
export const KNOWN_FIELDS = new Set([
  'title',
  'excerpt',
  'category',
  'type',
  'publishedDateTime',
  'originalUrl',
  'webUrl',
  'quality',
  'heat',
  'published',
  'provider',
  'topics',
  'images',
  'related',
  'secured',
  'review',
]);
