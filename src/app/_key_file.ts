/**
 * Creating a key file in the home folder exactly once, even when several processes start at
 * the same time: the key is written whole to a private file, then linked into place, so every
 * process sees either no key file or a complete one — never a half-written one.
 *
 * @module
 */

/** Create `path` holding `text` (mode 0600); false when another process created it first. */
export async function createKeyFileOnce(path: string, text: string): Promise<boolean> {
  const draft = `${path}.${crypto.randomUUID()}.tmp`;
  await Deno.writeTextFile(draft, text, { mode: 0o600, createNew: true });
  try {
    await Deno.link(draft, path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) return false;
    throw error;
  } finally {
    await Deno.remove(draft);
  }
}
