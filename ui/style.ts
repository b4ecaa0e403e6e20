/**
 * The styling engine, behind one module so it can be swapped: twind with the Tailwind preset.
 * Components write Tailwind class names; {@link styleSheetFor} registers the class attributes
 * of rendered HTML (each distinct attribute once per process) and returns the stylesheet of
 * every class seen so far. Dark mode follows the system (`dark:` is a media query).
 *
 * @module
 */

import { defineConfig, stringify, twind, virtual } from "@twind/core";
import presetTailwind from "@twind/preset-tailwind";

// Built on first use: the preset's set-up costs ~9 ms that a server without visitors never pays.
let built: ReturnType<typeof build> | null = null;
const engine = () => built ??= build();

function build() {
  return twind(
    defineConfig({ presets: [presetTailwind()], darkMode: "media", hash: false }),
    virtual(true),
  );
}
const seen = new Set<string>();
let version = 0;
let cached: { version: number; css: string } | null = null;
const CLASS_ATTRIBUTE = /\sclass="([^"]*)"/g;

/** Register the classes used in `html`; the stylesheet of every class seen so far. */
export function styleSheetFor(html: string): string {
  for (const match of html.matchAll(CLASS_ATTRIBUTE)) {
    const value = match[1];
    if (seen.has(value)) continue;
    seen.add(value);
    // Entities in attributes are decoded first: `&amp;` only appears in arbitrary values.
    engine()(value.replaceAll("&amp;", "&").replaceAll("&#39;", "'").replaceAll("&quot;", '"'));
    version++;
  }
  return currentStyleSheet();
}

/** The stylesheet of every class seen so far. */
export function currentStyleSheet(): string {
  if (cached?.version !== version) cached = { version, css: stringify(engine().target) };
  return cached.css;
}

/** Changes whenever the stylesheet grows: fragments tell the page to fetch it again. */
export function styleVersion(): number {
  return version;
}
