/**
 * The admin pages: variables, connections, pools and users — lists and change forms. The HTTP
 * layer loads the records, hides secrets, and passes plain props.
 *
 * @module
 */

export { type FormState } from "./fields.tsx";
export { type VariableRow, VariablesPage } from "./VariablesPage.tsx";
export { VariableFormPage } from "./VariableFormPage.tsx";
export { type PoolRow, PoolsPage } from "./PoolsPage.tsx";
export { PoolFormPage } from "./PoolFormPage.tsx";
export { type UserRow, UsersPage } from "./UsersPage.tsx";
export { UserFormPage } from "./UserFormPage.tsx";
export { type ConnectionRow, ConnectionsPage } from "./ConnectionsPage.tsx";
export { ConnectionFormPage } from "./ConnectionFormPage.tsx";
