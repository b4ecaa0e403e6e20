import { FernetKey, MultiFernet } from "../../core/mod.ts";
import { storeContractTests } from "../contract_test_suite.ts";
import { SqliteStore } from "./mod.ts";

storeContractTests("SqliteStore (:memory:)", () => Promise.resolve(SqliteStore.open(":memory:")));

// The file store encrypts connection secrets, as the program opens it; :memory: keeps plaintext.
storeContractTests("SqliteStore (file, Fernet key)", async () => {
  const directory = await Deno.makeTempDir({ prefix: "updraft_store_" });
  const cipher = new MultiFernet([FernetKey.generate()]);
  const store = SqliteStore.open(`${directory}/updraft.db`, { cipher });
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await Deno.remove(directory, { recursive: true });
  };
  return store;
});
