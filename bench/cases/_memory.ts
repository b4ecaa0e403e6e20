/**
 * Resident memory of a process and its descendants, as Linux reports it in `/proc`.
 *
 * @module
 */

/** One process's memory, in MB (1 MB = 1024 × 1024 bytes). */
export interface ProcessMemory {
  pid: number;
  /** The command line, arguments separated by spaces. */
  command: string;
  /** VmRSS: resident now. */
  residentMb: number;
  /** VmHWM: the highest resident size so far. */
  peakMb: number;
}

/** Read `/proc/<pid>/status`; null when the process is gone. */
export async function processMemory(pid: number): Promise<ProcessMemory | null> {
  let status: string;
  let commandLine: string;
  try {
    status = await Deno.readTextFile(`/proc/${pid}/status`);
    commandLine = await Deno.readTextFile(`/proc/${pid}/cmdline`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status);
    if (!match) throw new Error(`reading /proc/${pid}/status: no ${name} line`);
    return Number(match[1]) / 1024;
  };
  return {
    pid,
    command: commandLine.split("\0").filter(Boolean).join(" "),
    residentMb: field("VmRSS"),
    peakMb: field("VmHWM"),
  };
}

/** The ids of every descendant of `pid` (children, their children, …). */
export async function descendants(pid: number): Promise<number[]> {
  const found: number[] = [];
  const threads: string[] = [];
  await ignoreGone(async () => {
    for await (const thread of Deno.readDir(`/proc/${pid}/task`)) threads.push(thread.name);
  });
  for (const thread of threads) {
    let children = "";
    await ignoreGone(async () => {
      children = await Deno.readTextFile(`/proc/${pid}/task/${thread}/children`);
    });
    for (const child of children.split(/\s+/).filter(Boolean).map(Number)) {
      found.push(child, ...await descendants(child));
    }
  }
  return found;
}

/** Run `read`, treating a process or thread that ended meanwhile as nothing to read. */
async function ignoreGone(read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
}

/** The memory of `pid` and of each of its descendants alive now. */
export async function treeMemory(
  pid: number,
): Promise<{ root: ProcessMemory; descendants: ProcessMemory[] }> {
  const root = await processMemory(pid);
  if (!root) throw new Error(`reading the memory of process ${pid}: it is gone`);
  const others: ProcessMemory[] = [];
  for (const child of await descendants(pid)) {
    const memory = await processMemory(child);
    if (memory) others.push(memory);
  }
  return { root, descendants: others };
}
