/**
 * The REST API (`/api/v1`), shaped like Airflow's stable REST API v1.
 *
 * @module
 */

export { type ApiOptions, createApiApp } from "./api_app.ts";
export { buildOpenApiDocument } from "./openapi_document.ts";
export type { ReadLog, TestConnection } from "./_services.ts";
export { filelocFromToken, fileTokenFor } from "./_dag_dto.ts";
export { slotUsage as poolSlotUsage } from "./_pool_dto.ts";
