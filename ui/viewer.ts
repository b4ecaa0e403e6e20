/**
 * Who is looking at a page, available to every component through a Preact context: their
 * name and role, the session's CSRF token for forms, and what their role allows.
 *
 * @module
 */

import { createContext } from "preact";
import { useContext } from "preact/hooks";

/** The logged-in user as pages see them. */
export interface Viewer {
  username: string;
  role: string;
  /** The session's CSRF token: every form that changes something carries it. */
  csrfToken: string;
  /** Whether the user may perform `action` on `resource` (the server's role table). */
  can(resource: string, action: "read" | "create" | "edit" | "delete"): boolean;
}

/** Page-wide facts the layout shows. */
export interface PageChrome {
  /** The current path with its query, for "back here" links and the active menu item. */
  path: string;
  /** A one-time message after an action ("Triggered run …"). */
  notice: { kind: "success" | "error"; text: string } | null;
  /** Set when the scheduler has not heartbeated recently: the banner's text. */
  healthWarning: string | null;
  version: string;
}

/** The viewer context; pages render inside its provider. */
export const ViewerContext = createContext<Viewer | null>(null);

/** The current viewer; throws when a component renders outside a page. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (viewer === null) throw new Error("a dashboard component rendered outside ViewerContext");
  return viewer;
}
