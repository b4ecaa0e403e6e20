import { storeContractTests } from "../contract_test_suite.ts";
import { SqliteStore } from "./mod.ts";

storeContractTests("SqliteStore (:memory:)", () => Promise.resolve(SqliteStore.open(":memory:")));

storeContractTests("SqliteStore (file)", async () => {
  const directory = await Deno.makeTempDir({ prefix: "updraft_store_" });
  const store = SqliteStore.open(`${directory}/updraft.db`);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await Deno.remove(directory, { recursive: true });
  };
  return store;
});
