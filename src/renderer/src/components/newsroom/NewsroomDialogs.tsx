/** The newsroom workflow's dialogs: Kill…, Edit fields…, and the saved views' dialogs. */
import type { ArticleEditor } from '../../hooks/use-article-editor';
import { useLibraryState } from '../../hooks/use-library-store';
import type { NewsroomWorkspace } from '../../hooks/use-newsroom-workspace';
import { BulkFieldsDialog } from './BulkFieldsDialog';
import { KillDialog } from './KillDialog';
import { ViewDialogs } from './ViewDialogs';

/** Whichever of the dialogs is open. */
export function NewsroomDialogs({
  workflow,
  editor,
  busy,
}: {
  workflow: NewsroomWorkspace;
  editor: ArticleEditor;
  busy: boolean;
}) {
  const facets = useLibraryState((s) => s.facets);
  const { newsroom, bulkFields, views } = workflow;
  return (
    <>
      {newsroom.killRequest && (
        <KillDialog
          title={newsroom.killRequest.title}
          dirty={editor.dirty}
          busy={busy || editor.saving}
          onKill={(reason) => void newsroom.confirmKill(reason)}
          onCancel={newsroom.cancelKill}
        />
      )}
      {bulkFields.session && <BulkFieldsDialog bulk={bulkFields} facets={facets} />}
      <ViewDialogs views={views} />
    </>
  );
}
