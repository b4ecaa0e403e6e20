/**
 * Maps positions in a DAG bundle back to the user's files, through the bundle's inline source
 * map (source map v3, Base64 VLQ mappings), so errors name `etl.ts:12` rather than a position in
 * a `data:` URL.
 *
 * @module
 */

/** A decoded source map: the sources and, per generated line, its sorted segments. */
export interface SourceMap {
  sources: string[];
  sourcesContent: (string | null)[];
  /** Per generated line (0-based): segments `[column, source, line, column]`, all 0-based. */
  lines: number[][][];
}

/** A position in an original file; `line` and `column` are 1-based. */
export interface OriginalPosition {
  source: string;
  line: number;
  column: number;
}

const MAP_PREFIX = "//# sourceMappingURL=data:application/json;base64,";
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGITS = new Map([...BASE64].map((character, value) => [character, value]));

/** The inline source map at the end of `code`, decoded; null when there is none. */
export function parseInlineSourceMap(code: string): SourceMap | null {
  const start = code.lastIndexOf(MAP_PREFIX);
  if (start < 0) return null;
  const encoded = code.slice(start + MAP_PREFIX.length).trim();
  try {
    const raw = JSON.parse(decodeBase64Text(encoded)) as {
      sources?: string[];
      sourcesContent?: (string | null)[];
      mappings?: string;
    };
    return {
      sources: raw.sources ?? [],
      sourcesContent: raw.sourcesContent ?? [],
      lines: decodeMappings(raw.mappings ?? ""),
    };
  } catch {
    return null;
  }
}

/** Decode a `mappings` string into per-line segments with absolute values. */
export function decodeMappings(mappings: string): number[][][] {
  const lines: number[][][] = [];
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(";")) {
    const segments: number[][] = [];
    let column = 0;
    for (const segmentText of lineText.split(",")) {
      if (segmentText === "") continue;
      const values = decodeVlq(segmentText);
      column += values[0];
      if (values.length >= 4) {
        source += values[1];
        sourceLine += values[2];
        sourceColumn += values[3];
        segments.push([column, source, sourceLine, sourceColumn]);
      }
    }
    segments.sort((first, second) => first[0] - second[0]);
    lines.push(segments);
  }
  return lines;
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const character of text) {
    const digit = DIGITS.get(character);
    if (digit === undefined) throw new SyntaxError(`invalid VLQ character "${character}"`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

/** Map a 1-based generated position to the original one; null when the line has no mapping. */
export function originalPosition(
  map: SourceMap,
  position: { line: number; column: number },
): OriginalPosition | null {
  const segments = map.lines[position.line - 1];
  if (!segments || segments.length === 0) return null;
  const column = position.column - 1;
  let found = segments[0];
  for (const segment of segments) {
    if (segment[0] > column) break;
    found = segment;
  }
  const source = map.sources[found[1]];
  if (source === undefined) return null;
  return { source, line: found[2] + 1, column: found[3] + 1 };
}

/** Decode Base64 to UTF-8 text. */
export function decodeBase64Text(encoded: string): string {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return new TextDecoder().decode(bytes);
}
