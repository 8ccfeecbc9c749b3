/**
 * Renderer test setup: jest-dom matchers, cleanup between tests, and the bits of layout
 * jsdom does not compute. jsdom has no layout engine, so every element measures 0x0 and
 * the virtualised list would render no rows; give elements a window-sized box instead.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
// The real engine runs in-process on a shared, busy machine: give async UI updates time.
configure({ asyncUtilTimeout: 5000 });

for (const [prop, value] of [
  ['offsetHeight', 600],
  ['clientHeight', 600],
  ['offsetWidth', 1000],
  ['clientWidth', 1000],
] as const) {
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get() {
      return value;
    },
  });
}
if (!Element.prototype.scrollTo) {
  Element.prototype.scrollTo = function scrollTo(this: Element, ...args: unknown[]) {
    const opts = args[0] as ScrollToOptions | undefined;
    if (opts && typeof opts === 'object' && typeof opts.top === 'number') this.scrollTop = opts.top;
  } as Element['scrollTo'];
}
