/**
 * How each task instance and DAG run state looks: a colour, an icon and a word. State is never
 * shown by colour alone (the icon and the word's `title`/`aria-label` go with it).
 *
 * @module
 */

/** The look of one state. */
export interface StateLook {
  /** The word shown and read out. */
  label: string;
  /** A one-character icon. */
  icon: string;
  /** Background and text classes (light and dark). */
  classes: string;
  /** A fill colour for SVG (graph nodes, Gantt bars). */
  fill: string;
}

const LOOKS: Record<string, StateLook> = {
  success: { label: "success", icon: "✓", classes: "bg-green-600 text-white", fill: "#16a34a" },
  failed: { label: "failed", icon: "✕", classes: "bg-red-600 text-white", fill: "#dc2626" },
  running: { label: "running", icon: "▶", classes: "bg-lime-400 text-black", fill: "#a3e635" },
  queued: { label: "queued", icon: "…", classes: "bg-gray-400 text-black", fill: "#9ca3af" },
  scheduled: { label: "scheduled", icon: "◷", classes: "bg-amber-200 text-black", fill: "#fde68a" },
  up_for_retry: {
    label: "up for retry",
    icon: "↻",
    classes: "bg-yellow-400 text-black",
    fill: "#facc15",
  },
  up_for_reschedule: {
    label: "up for reschedule",
    icon: "‖",
    classes: "bg-cyan-400 text-black",
    fill: "#22d3ee",
  },
  upstream_failed: {
    label: "upstream failed",
    icon: "⇡",
    classes: "bg-orange-500 text-black",
    fill: "#f97316",
  },
  skipped: { label: "skipped", icon: "↷", classes: "bg-pink-300 text-black", fill: "#f9a8d4" },
  restarting: {
    label: "restarting",
    icon: "⟳",
    classes: "bg-violet-400 text-black",
    fill: "#a78bfa",
  },
  removed: { label: "removed", icon: "−", classes: "bg-gray-200 text-black", fill: "#e5e7eb" },
  deferred: { label: "deferred", icon: "◇", classes: "bg-purple-500 text-white", fill: "#a855f7" },
  none: {
    label: "no status",
    icon: "○",
    classes: "bg-white text-gray-700 border border-gray-400 dark:bg-gray-800 dark:text-gray-200",
    fill: "#ffffff",
  },
};

/** The look of a task instance or run state; `null` (Airflow's none) is "no status". */
export function lookOf(state: string | null | undefined): StateLook {
  return LOOKS[state ?? "none"] ?? { ...LOOKS.none, label: String(state) };
}

/** Every state's look, for legends. */
export function allLooks(): [string, StateLook][] {
  return Object.entries(LOOKS);
}
