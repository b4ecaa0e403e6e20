/**
 * `updraft users create|list|delete` (fact 174). Passwords are stored hashed; a generated one is
 * printed once.
 *
 * @module
 */

import { type Role, ROLES } from "../core/mod.ts";
import { hashPassword } from "../http/mod.ts";
import type { CommandInput, CommandSpec, FlagSpec } from "./_command.ts";
import { EXIT_CODES, notFound, UsageError } from "./_errors.ts";
import { printRecords } from "./_output.ts";

function required(name: string, short: string, placeholder: string, description: string): FlagSpec {
  return { name, short, type: "string", placeholder, description: `${description} (required)` };
}

/** 24 random URL-safe characters. */
function randomPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_");
}

const PASSWORD_FLAGS: FlagSpec[] = [
  {
    name: "password",
    short: "p",
    type: "string",
    placeholder: "PASSWORD",
    description: "the password (8 characters or more)",
  },
  {
    name: "use-random-password",
    type: "boolean",
    description: "generate a password and print it once",
  },
];

/** The password the flags give or ask to generate. */
function choosePassword(
  input: CommandInput,
  command: string,
): { password: string; random: boolean } {
  const given = input.flags.password;
  const random = Boolean(input.flags["use-random-password"]);
  if ((typeof given === "string") === random) {
    throw new UsageError("give exactly one of --password and --use-random-password", command);
  }
  const password = typeof given === "string" ? given : randomPassword();
  if (password.length < 8) {
    throw new UsageError("--password must have 8 characters or more", command);
  }
  return { password, random };
}

/** The commands of this file. */
export const USERS_COMMANDS: CommandSpec[] = [
  {
    words: ["users", "create"],
    summary: "Create a user who may log in to the REST API and dashboard",
    flags: [
      required("role", "r", "ROLE", `the role: ${ROLES.join(", ")}`),
      required("username", "u", "USER", "the login name"),
      required("email", "e", "EMAIL", "the email address"),
      required("firstname", "f", "FIRST", "the first name"),
      required("lastname", "l", "LAST", "the last name"),
      ...PASSWORD_FLAGS,
    ],
    examples: [
      "users create -r Admin -u ada -e ada@example.com -f Ada -l Lovelace --use-random-password",
      "users create -r Viewer -u bob -e bob@example.com -f Bob -l Smith -p 'correct horse battery'",
    ],
    async run(input, session) {
      const text = (name: string) => {
        const value = input.flags[name];
        if (typeof value !== "string" || value.trim() === "") {
          throw new UsageError(`missing flag --${name}`, session.commandName);
        }
        return value.trim();
      };
      const role = text("role");
      const known = ROLES.find((candidate) => candidate.toLowerCase() === role.toLowerCase());
      if (!known) {
        throw new UsageError(
          `--role must be one of ${ROLES.join(", ")}, got '${role}'`,
          session.commandName,
        );
      }
      const username = text("username");
      const fields = {
        email: text("email"),
        firstName: text("firstname"),
        lastName: text("lastname"),
      };
      const { password, random } = choosePassword(input, session.commandName);
      const store = await session.store();
      await store.createUser({
        username,
        ...fields,
        role: known as Role,
        passwordHash: await hashPassword(password),
        createdAt: session.clock.now(),
      });
      session.io.out(`User ${username} created with role ${known}\n`);
      if (random) session.io.out(`Password: ${password}\n(shown once)\n`);
      return EXIT_CODES.success;
    },
  },
  {
    words: ["users", "list"],
    summary: "List the users",
    printsRecords: true,
    examples: ["users list", "users list -o json"],
    async run(_input, session) {
      const users = (await (await session.store()).listUsers({ limit: 1_000_000 })).items;
      printRecords(
        session.io,
        users.map((user) => ({
          username: user.username,
          email: user.email,
          first_name: user.firstName,
          last_name: user.lastName,
          role: user.role,
        })),
        { format: session.format, empty: "No users" },
      );
      return EXIT_CODES.success;
    },
  },
  {
    words: ["users", "reset-password"],
    summary: "Set a user's password",
    flags: [required("username", "u", "USER", "the login name"), ...PASSWORD_FLAGS],
    examples: ["users reset-password -u admin --use-random-password"],
    async run(input, session) {
      const username = input.flags.username;
      if (typeof username !== "string") {
        throw new UsageError("missing flag --username", session.commandName);
      }
      const { password, random } = choosePassword(input, session.commandName);
      const store = await session.store();
      const user = await store.getUser(username);
      if (!user) throw notFound(`cannot reset the password of user '${username}': no such user`);
      await store.updateUser({ ...user, passwordHash: await hashPassword(password) });
      session.io.out(`Password of user ${username} reset\n`);
      if (random) session.io.out(`Password: ${password}\n(shown once)\n`);
      return EXIT_CODES.success;
    },
  },
  {
    words: ["users", "delete"],
    summary: "Delete a user",
    flags: [required("username", "u", "USER", "the login name")],
    examples: ["users delete -u bob"],
    async run(input, session) {
      const username = input.flags.username;
      if (typeof username !== "string") {
        throw new UsageError("missing flag --username", session.commandName);
      }
      if (!await (await session.store()).deleteUser(username)) {
        throw notFound(`cannot delete user '${username}': no such user`);
      }
      session.io.out(`User ${username} deleted\n`);
      return EXIT_CODES.success;
    },
  },
];
