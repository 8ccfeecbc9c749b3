/**
 * Images in the editor: the thumbnail loads once typing stops (never a request per
 * keystroke), http images are shown too, and an empty width/height is filled from the loaded
 * image as an edit the editor sees and can undo (a button offers it for an image as read).
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/renderer/src/components/App';
import { eventually, openRow } from '../helpers/app-helpers';
import { article } from '../helpers/fixtures';
import { openEngine, type InProcessEngine } from '../helpers/in-process-api';

let engine: InProcessEngine | null = null;
let observer: MutationObserver | null = null;
afterEach(async () => {
  observer?.disconnect();
  observer = null;
  await engine?.close();
  engine = null;
});

/** Every `src` an <img> of the document was given, in order. */
function recordImageSources(): string[] {
  const seen: string[] = [];
  const note = (el: Element) => {
    if (el instanceof HTMLImageElement && el.getAttribute('src'))
      seen.push(el.getAttribute('src')!);
  };
  observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') note(r.target as Element);
      r.addedNodes.forEach((n) => {
        if (n instanceof Element) [n, ...n.querySelectorAll('img')].forEach(note);
      });
    }
  });
  observer.observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['src'],
  });
  return seen;
}

/** Makes `img` report a natural size and fires its load event. */
function loadImage(img: HTMLElement, width: number, height: number): void {
  Object.defineProperty(img, 'naturalWidth', { value: width, configurable: true });
  Object.defineProperty(img, 'naturalHeight', { value: height, configurable: true });
  fireEvent.load(img);
}

function imageItem(n: number): HTMLElement {
  return screen.getByRole('group', { name: `Image ${n}` });
}

describe('image thumbnails', () => {
  it('loads after typing stops, over http too, and fills an empty size as an undoable edit', async () => {
    engine = await openEngine({
      'a.md': article({
        title: 'Alpha',
        extra: 'images:\n  - url: "http://img.example.org/old.jpg"',
      }),
    });
    render(<App api={engine.api} />);
    await openRow('Alpha');
    const user = userEvent.setup();

    // The image as read (http) is shown; its empty size is offered, not filled by itself.
    const first = within(imageItem(1)).getByRole('img', { name: 'Image 1' });
    expect(first).toHaveAttribute('src', 'http://img.example.org/old.jpg');
    loadImage(first, 640, 480);
    const offer = await within(imageItem(1)).findByRole('button', {
      name: 'Use image size 640 × 480',
    });
    expect(screen.queryByText('Unsaved changes')).toBeNull();

    // A new image: typed letter by letter, fetched once, when typing has stopped.
    const seen = recordImageSources();
    await user.click(screen.getByRole('button', { name: 'Add image' }));
    const url = within(imageItem(2)).getByRole('textbox', { name: 'URL' });
    const typed = 'https://img.example.org/new.jpg';
    await user.type(url, typed);
    const thumb = await within(imageItem(2)).findByRole('img', { name: 'Image 2' });
    expect(thumb).toHaveAttribute('src', typed);
    // (An element added with its src is seen twice: as a new node and as an attribute.)
    expect([...new Set(seen)].filter((s) => s !== 'http://img.example.org/old.jpg')).toEqual([
      typed,
    ]);

    loadImage(thumb, 1200, 800);
    const width = within(imageItem(2)).getByRole('textbox', { name: 'Width' });
    const height = within(imageItem(2)).getByRole('textbox', { name: 'Height' });
    await eventually(() => expect(width).toHaveValue('1200'));
    expect(height).toHaveValue('800');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
    // One undo step takes the filled size back, the URL stays.
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(width).toHaveValue('');
    expect(height).toHaveValue('');
    expect(url).toHaveValue(typed);
    await user.click(screen.getByRole('button', { name: 'Redo' }));
    expect(width).toHaveValue('1200');

    // The offer for the image as read fills it when asked.
    await user.click(offer);
    expect(within(imageItem(1)).getByRole('textbox', { name: 'Width' })).toHaveValue('640');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved');
    const saved = await engine.read('a.md');
    expect(saved).toContain(
      'images:\n  - url: "http://img.example.org/old.jpg"\n    width: 640\n    height: 480\n',
    );
    expect(saved).toMatch(
      /url: "?https:\/\/img\.example\.org\/new\.jpg"?\n\s+width: 1200\n\s+height: 800/,
    );
  });
});
