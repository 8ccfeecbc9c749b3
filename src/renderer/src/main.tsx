/** Renderer entry: mounts the workspace against the API of this front door (preload or HTTP). */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { getApi, isDesktop } from './api';
import './styles/base.css';
import './styles/layout.css';
import './styles/list.css';
import './styles/editor.css';
import './styles/fields.css';
import './styles/body.css';
import './styles/dialog.css';
import './styles/related.css';
import './styles/desk.css';
import './styles/decisions.css';
import './styles/newsroom.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App api={getApi()} canOpenFolder={isDesktop()} />
    </StrictMode>,
  );
}
