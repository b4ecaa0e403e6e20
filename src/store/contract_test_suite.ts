/**
 * The Store contract: behaviour every Store implementation must show, tested only through the
 * {@link Store} interface. Each implementation's test file calls {@link storeContractTests}.
 *
 * @module
 */

import type { Store } from "./store.ts";
import { adminTests } from "./_contract_admin.ts";
import { connectionTests } from "./_contract_connections.ts";
import { dagDeletionTests } from "./_contract_dag_deletion.ts";
import { dagFileTests } from "./_contract_dag_files.ts";
import { queryTests } from "./_contract_queries.ts";
import { secretTests } from "./_contract_secrets.ts";
import { snapshotTests } from "./_contract_snapshot.ts";
import { stepTests } from "./_contract_step.ts";
import { versionTests } from "./_contract_version.ts";

/**
 * Register the contract tests for one implementation.
 *
 * @param name shown before every test name.
 * @param open opens a fresh, empty store; each test calls it once, migrates the store and
 *   closes it at the end.
 */
export function storeContractTests(name: string, open: () => Promise<Store>): void {
  dagFileTests(name, open);
  dagDeletionTests(name, open);
  snapshotTests(name, open);
  stepTests(name, open);
  queryTests(name, open);
  adminTests(name, open);
  connectionTests(name, open);
  secretTests(name, open);
  versionTests(name, open);
}
