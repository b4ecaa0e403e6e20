/**
 * XCom entries as the API shows them (fact 154). With `stringify` (the default) the value is
 * rendered as a string: strings as they are, anything else as JSON text.
 *
 * @module
 */

import { z } from "zod";
import { formatIso, type JsonValue, type XCom } from "../../core/mod.ts";
import { dateTimeText, named } from "./_schemas.ts";

const itemShape = {
  key: z.string(),
  timestamp: dateTimeText(),
  execution_date: dateTimeText(),
  map_index: z.number().int(),
  task_id: z.string(),
  dag_id: z.string(),
};

/** An XCom entry without its value. */
export const XComCollectionItemSchema = named("XComCollectionItem", z.object(itemShape));

/** A page of XCom entries. */
export const XComCollectionSchema = named(
  "XComCollection",
  z.object({ xcom_entries: z.array(XComCollectionItemSchema), total_entries: z.number().int() }),
);

/** An XCom entry with its value. */
export const XComSchema = named("XCom", z.object({ ...itemShape, value: z.unknown() }));

/** The XComCollectionItem object's type. */
export type XComItemDto = z.infer<typeof XComCollectionItemSchema>;

/** Map a stored XCom to a list item; `logicalDate` is its run's. */
export function toXComItemDto(xcom: XCom, logicalDate: number): XComItemDto {
  return {
    key: xcom.key,
    timestamp: formatIso(xcom.timestamp),
    execution_date: formatIso(logicalDate),
    map_index: xcom.mapIndex,
    task_id: xcom.taskId,
    dag_id: xcom.dagId,
  };
}

/** Map a stored XCom to the full entry, its value stringified or native. */
export function toXComDto(
  xcom: XCom,
  logicalDate: number,
  options: { stringify: boolean },
): XComItemDto & { value: JsonValue } {
  const value = options.stringify ? stringifyValue(xcom.value) : xcom.value;
  return { ...toXComItemDto(xcom, logicalDate), value };
}

/** A value rendered as a string: strings unchanged, anything else as JSON text. */
export function stringifyValue(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
