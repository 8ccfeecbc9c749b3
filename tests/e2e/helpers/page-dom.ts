/**
 * The little of the DOM that code run inside the page (`page.evaluate`) uses, typed here
 * because the e2e tests compile against Node's libraries, not the DOM's. Inside a callback:
 * `const { document, window } = globalThis as unknown as PageDom;` (type-only: nothing is
 * imported into the page).
 */

/** An element, as far as the tests read it. */
export interface PageElement {
  tagName: string;
  id: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  /** Form controls only. */
  labels?: ArrayLike<{ textContent: string | null }> | null;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { width: number; height: number };
}

/** `window` and `document`, as far as the tests read them. */
export interface PageDom {
  document: {
    activeElement: PageElement | null;
    body: PageElement;
    documentElement: { scrollWidth: number; scrollHeight: number };
    querySelector(selector: string): PageElement | null;
    getElementById(id: string): PageElement | null;
  };
  window: {
    innerWidth: number;
    innerHeight: number;
    getComputedStyle(el: PageElement): {
      outlineStyle: string;
      outlineWidth: string;
      boxShadow: string;
    };
  };
}
