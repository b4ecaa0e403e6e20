/**
 * The sandbox: every task runs with only the permissions it declares. `read_os_release` may read
 * one file and nothing else; `denied` declares nothing and shows that reading is refused;
 * `environment` may read one variable. A bash task gets a clean environment.
 */
import { bash, chain, dag, task } from "updraft";

export default dag({
  id: "sandbox",
  description: "Tasks that can touch exactly what they declare",
  schedule: "@daily",
  startDate: "2024-01-01",
  catchup: false,
  tags: ["example", "security"],
}, () => {
  const readDeclared = task({
    id: "read_os_release",
    permissions: { read: ["/etc/os-release"] },
  }, async (ctx) => {
    const text = await Deno.readTextFile("/etc/os-release");
    const name = text.split("\n").find((line) => line.startsWith("PRETTY_NAME=")) ?? "unknown";
    ctx.log(`allowed to read /etc/os-release: ${name}`);
    return name;
  });
  const denied = task({ id: "denied" }, async (ctx) => {
    try {
      await Deno.readTextFile("/etc/os-release");
      throw new Error("reading without a declared permission should have been refused");
    } catch (error) {
      if (!(error instanceof Deno.errors.NotCapable)) throw error;
      ctx.log(`refused, as declared: ${(error as Error).message}`);
    }
  });
  const environment = task({
    id: "environment",
    permissions: { env: ["HOME"] },
  }, (ctx) => ctx.log(`may read HOME: ${Deno.env.get("HOME") ?? "(unset)"}`));
  const cleanEnv = bash({
    id: "clean_env",
    command: "echo \"the bash task sees only: $(env | cut -d= -f1 | sort | tr '\\n' ' ')\"",
  });
  chain(readDeclared, denied, environment, cleanEnv);
});
