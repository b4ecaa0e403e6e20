/**
 * Components every page shares: state badges, forms and buttons (with the CSRF field), tables,
 * paging, headers and formatting.
 *
 * @module
 */

export { StateBadge, StateCell } from "./StateBadge.tsx";
export { ActionForm, BUTTON, CsrfField, INPUT, LINK, TABLE } from "./forms.tsx";
export { Pagination } from "./Pagination.tsx";
export { PageHeader } from "./PageHeader.tsx";
export { formatDuration, formatJson, formatTime } from "./format.ts";
export { Layout } from "./Layout.tsx";
export { dagPageUrl, taskInstancePageUrl, type UrlQuery } from "./urls.ts";
