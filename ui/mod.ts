/**
 * The dashboard's components and pages (Preact, rendered on the server) and the client script
 * that brings the live parts to life. The HTTP layer loads data, builds the props, and calls
 * these; nothing here reads the store. Each part of the dashboard has its own folder and door
 * (`ui/dag/mod.ts`, …); the HTTP layer imports those doors directly.
 *
 * @module
 */

export { CLIENT_SCRIPT_PATH, renderFragment, renderPage, STYLE_PATH } from "./document.tsx";
export { currentStyleSheet, styleVersion } from "./style.ts";
export { type PageChrome, useViewer, type Viewer, ViewerContext } from "./viewer.ts";
export { allLooks, lookOf, type StateLook } from "./states.ts";
export { ErrorPage } from "./pages/ErrorPage.tsx";
export { LoginPage } from "./pages/LoginPage.tsx";
export { default as clientScript } from "./_client.bundle.js" with { type: "text" };
