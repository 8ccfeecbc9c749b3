import { KNOWN_FIELDS as FIELD_ORDER } from '../../../shared/validation';

/**
 * Front matter keys with a typed widget (PRODUCT.md §1); any other key is an "Other field".
 * Derived from the shared list so the editor and the rules never disagree.
 */
export const KNOWN_FIELDS: ReadonlySet<string> = new Set(FIELD_ORDER);
