import { storeContractTests } from "../contract_test_suite.ts";
import { MemoryStore } from "./mod.ts";

storeContractTests("MemoryStore", () => Promise.resolve(new MemoryStore()));
