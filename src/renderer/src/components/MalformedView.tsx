import type { Article } from '../../../shared/article';

/** A file that cannot be parsed safely: read-only, with its problems and raw front matter. */
export function MalformedView({ article }: { article: Article }) {
  return (
    <article className="editor editor-malformed" aria-labelledby="editor-title">
      <header className="editor-header">
        <h2 id="editor-title">{article.id}</h2>
        <div className="editor-badges">
          <span className="badge badge-error">Read-only: this file cannot be parsed safely</span>
        </div>
      </header>
      <div className="editor-body">
        <div className="banner banner-error" role="alert">
          <strong>Curator will not write this file.</strong> Fix it in a text editor; it reloads
          here as soon as it is saved.
          <ul>
            {article.problems.map((p, i) => (
              <li key={i}>
                {p.path ? <code>{p.path}</code> : null} {p.message}
              </li>
            ))}
          </ul>
        </div>
        <section className="editor-section" aria-labelledby="raw-heading">
          <h3 id="raw-heading">Raw front matter</h3>
          <pre className="raw mono" tabIndex={0} aria-labelledby="raw-heading">
            {article.frontMatter}
          </pre>
        </section>
      </div>
    </article>
  );
}
