/**
 * An article's Markdown body rendered for reading, as React elements built from the lexer's
 * tokens (lib/markdown.ts): never HTML. Raw HTML in the body is shown as its source text,
 * images are named rather than loaded, and a link is followed only by opening an http(s)
 * address outside the app (`onOpenUrl`); any other link is plain text.
 */
import { memo, useMemo, type ReactNode } from 'react';
import type { Token, Tokens } from 'marked';
import { decodeEntities, lexMarkdown, safeHttpUrl } from '../lib/markdown';

/** Props of {@link MarkdownView}. */
export interface MarkdownViewProps {
  source: string;
  /** Opens an http(s) address in the system browser. */
  onOpenUrl(url: string): void;
}

type Open = (url: string) => void;

function SafeLink({
  href,
  title,
  open,
  children,
}: {
  href: string;
  title?: string | null;
  open: Open;
  children: ReactNode;
}) {
  const url = safeHttpUrl(href);
  if (!url) {
    return (
      <span className="md-dead-link" title={`Not a web address: ${href}`}>
        {children}
      </span>
    );
  }
  return (
    <a
      href={url}
      title={title ? `${title} (${url})` : url}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        e.preventDefault();
        open(url);
      }}
    >
      {children}
    </a>
  );
}

function inline(tokens: readonly Token[] | undefined, open: Open): ReactNode[] {
  return (tokens ?? []).map((t, i) => inlineToken(t, i, open));
}

function inlineToken(t: Token, key: number, open: Open): ReactNode {
  switch (t.type) {
    case 'text':
      return 'tokens' in t && t.tokens?.length ? (
        <span key={key}>{inline(t.tokens, open)}</span>
      ) : (
        decodeEntities((t as Tokens.Text).text)
      );
    case 'escape':
      return (t as Tokens.Escape).text;
    case 'strong':
      return <strong key={key}>{inline((t as Tokens.Strong).tokens, open)}</strong>;
    case 'em':
      return <em key={key}>{inline((t as Tokens.Em).tokens, open)}</em>;
    case 'del':
      return <del key={key}>{inline((t as Tokens.Del).tokens, open)}</del>;
    case 'codespan':
      return <code key={key}>{(t as Tokens.Codespan).text}</code>;
    case 'br':
      return <br key={key} />;
    case 'link': {
      const l = t as Tokens.Link;
      return (
        <SafeLink key={key} href={l.href} title={l.title} open={open}>
          {inline(l.tokens, open)}
        </SafeLink>
      );
    }
    case 'image': {
      // Named, not loaded: a body's images are the site's business, not the reviewer's.
      const img = t as Tokens.Image;
      return (
        <span key={key} className="md-image" title={img.href}>
          [Image{img.text ? `: ${decodeEntities(img.text)}` : ''}]
        </span>
      );
    }
    case 'checkbox':
      return (t as Tokens.Checkbox).checked ? '☑ ' : '☐ ';
    case 'html':
    case 'tag':
      // Raw HTML is shown as the text it is, never as markup.
      return (
        <code key={key} className="md-raw">
          {(t as Tokens.HTML).text}
        </code>
      );
    default:
      return 'text' in t && typeof t.text === 'string' ? decodeEntities(t.text) : null;
  }
}

function block(tokens: readonly Token[], open: Open): ReactNode[] {
  return tokens.map((t, i) => blockToken(t, i, open));
}

function blockToken(t: Token, key: number, open: Open): ReactNode {
  switch (t.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return <p key={key}>{inline((t as Tokens.Paragraph).tokens, open)}</p>;
    case 'heading': {
      const h = t as Tokens.Heading;
      // Inside the editor the body's headings sit below the editor's own (h2, h3).
      const Tag = h.depth <= 1 ? 'h4' : h.depth === 2 ? 'h5' : 'h6';
      return <Tag key={key}>{inline(h.tokens, open)}</Tag>;
    }
    case 'code':
      return (
        <pre key={key}>
          <code>{(t as Tokens.Code).text}</code>
        </pre>
      );
    case 'blockquote':
      return <blockquote key={key}>{block((t as Tokens.Blockquote).tokens, open)}</blockquote>;
    case 'hr':
      return <hr key={key} />;
    case 'list': {
      const l = t as Tokens.List;
      const items = l.items.map((item, i) => (
        <li key={i}>
          {item.tokens.map((tk, j) =>
            // A tight item's text is not a paragraph; nested lists and code stay blocks.
            !item.loose && (tk.type === 'text' || tk.type === 'checkbox')
              ? inlineToken(tk, j, open)
              : blockToken(tk, j, open),
          )}
        </li>
      ));
      return l.ordered ? (
        <ol key={key} start={typeof l.start === 'number' ? l.start : undefined}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table': {
      const tb = t as Tokens.Table;
      return (
        <table key={key}>
          <thead>
            <tr>
              {tb.header.map((c, i) => (
                <th key={i}>{inline(c.tokens, open)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {tb.rows.map((row, r) => (
              <tr key={r}>
                {row.map((c, i) => (
                  <td key={i}>{inline(c.tokens, open)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    }
    case 'html':
      return (
        <pre key={key} className="md-raw">
          {(t as Tokens.HTML).text}
        </pre>
      );
    case 'text': {
      const tx = t as Tokens.Text;
      return <p key={key}>{tx.tokens ? inline(tx.tokens, open) : decodeEntities(tx.text)}</p>;
    }
    default:
      return inlineToken(t, key, open);
  }
}

/** The body, rendered for reading. */
export const MarkdownView = memo(function MarkdownView({ source, onOpenUrl }: MarkdownViewProps) {
  const { tokens, cut } = useMemo(() => lexMarkdown(source), [source]);
  return (
    <div className="markdown">
      {block(tokens, onOpenUrl)}
      {cut && <p className="muted small">The preview shows the start of a long body only.</p>}
    </div>
  );
});
