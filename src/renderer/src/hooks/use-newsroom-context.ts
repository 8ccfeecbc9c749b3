/**
 * What the editor's workflow widgets (components/newsroom/*) need from the workspace: the
 * reviewer name ("Assign to me"), and the kill actions, which write at once (they are
 * decisions, not edits to save). Provided by the Workspace, so the editor components need no
 * new props.
 */
import { createContext, useContext } from 'react';

/** The workspace side of the editor's workflow widgets. */
export interface NewsroomEditorActions {
  /** The reviewer name from Settings (`''` while not known). */
  reviewer: string;
  /** Opens the Kill dialog for the open article. */
  requestKill(): void;
  /** Lifts the kill of the open article. */
  liftKill(): void;
  /** A write is under way: the actions wait. */
  busy: boolean;
}

/** Context of {@link NewsroomEditorActions}; the default does nothing (an editor on its own). */
export const NewsroomContext = createContext<NewsroomEditorActions>({
  reviewer: '',
  requestKill: () => undefined,
  liftKill: () => undefined,
  busy: false,
});

/** The workspace's workflow actions for the editor's widgets. */
export function useNewsroomActions(): NewsroomEditorActions {
  return useContext(NewsroomContext);
}
