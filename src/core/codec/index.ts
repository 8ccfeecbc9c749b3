/**
 * The article codec: parse article files (YAML front matter + Markdown body) safely, and write
 * edits surgically so that only the edited lines change (PRODUCT.md §2).
 */
export { parseArticle, hashBytes, decodeUtf8, type ParsedArticle } from './parse-article';
export { applyPatch, patchArticle } from './apply-patch';
export { CodecError, type CodecErrorCode } from './codec-error';
