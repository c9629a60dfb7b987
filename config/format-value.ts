/** Longest value an error message shows whole (ARNs and SSM parameter paths fit). */
export const LONGEST_SHOWN_WHOLE = 120;
/** How many characters of a longer value an error message shows before it says how long the value is. */
export const SHOWN_WHEN_CUT = 60;

/**
 * Characters that do not show, or change how text around them shows: control characters
 * (C0, DEL, C1), format characters (zero-width, bidirectional overrides, BOM), line and
 * paragraph separators, and lone surrogates. Messages print them as `\uXXXX`.
 */
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

/** Options of quoteText. */
export interface QuoteOptions {
  /** Wrap the text in double quotes, JSON style. @default true */
  readonly quotes?: boolean;
  /** Longest text shown whole; longer text is cut to half of it. @default LONGEST_SHOWN_WHOLE */
  readonly max?: number;
}

/**
 * Renders text for an error message: quoted (JSON escapes), hidden characters escaped as
 * `\uXXXX`, and, when longer than `max` characters, cut to half of that followed by
 * `… (N characters)`.
 */
export function quoteText(text: string, options: QuoteOptions = {}): string {
  const { quotes = true, max = LONGEST_SHOWN_WHOLE } = options;
  const characters = Array.from(text);
  const cut = characters.length > max;
  const shown = cut ? characters.slice(0, Math.ceil(max / 2)).join('') : text;
  const escaped = escapeHidden(quotes ? JSON.stringify(shown) : shown);
  if (!cut) return escaped;
  const suffix = `… (${characters.length} characters)`;
  return quotes ? `${escaped.slice(0, -1)}…"${suffix.slice(1)}` : `${escaped}${suffix}`;
}

/**
 * Renders a value read from a configuration file for an error message: JSON-like, with
 * hidden characters escaped. Up to LONGEST_SHOWN_WHOLE characters it is shown whole; a longer
 * string, list or mapping shows its first SHOWN_WHEN_CUT characters and how long it was
 * (`… (12345 characters)`, `… (300 items)`). Rendering stops once enough is written, so a huge
 * or deeply nested value costs little.
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return quoteText(value);
  if (value instanceof Uint8Array) return `${value.length} bytes of binary data`;
  if (Array.isArray(value) || (value !== null && typeof value === 'object')) return formatContainer(value as object);
  return String(value);
}

function formatContainer(value: object): string {
  const writer = new BoundedWriter(LONGEST_SHOWN_WHOLE);
  writeValue(writer, value);
  if (!writer.full) return escapeHidden(writer.text);
  const count = Array.isArray(value) ? value.length : Object.keys(value).length;
  const size = `${count} ${Array.isArray(value) ? 'item' : 'key'}${count === 1 ? '' : 's'}`;
  return `${escapeHidden(Array.from(writer.text).slice(0, SHOWN_WHEN_CUT).join(''))}… (${size})`;
}

/** Collects text until it holds more than `limit` characters, then ignores the rest. */
class BoundedWriter {
  text = '';
  full = false;

  constructor(private readonly limit: number) {}

  get room(): number {
    return Math.max(this.limit - this.text.length, 0) + 1;
  }

  write(part: string): void {
    if (this.full) return;
    this.text += part;
    if (this.text.length > this.limit) this.full = true;
  }
}

/** Writes JSON text; each level of nesting writes a bracket, so recursion stops at `limit` levels. */
function writeValue(writer: BoundedWriter, value: unknown): void {
  if (writer.full) return;
  if (typeof value === 'string') {
    // Two code units per character at most: a long string is never split whole.
    writer.write(JSON.stringify(Array.from(value.slice(0, 2 * writer.room)).slice(0, writer.room).join('')));
  } else if (value instanceof Uint8Array) {
    writer.write(`<${value.length} bytes>`);
  } else if (Array.isArray(value)) {
    writer.write('[');
    for (let index = 0; index < value.length && !writer.full; index++) {
      if (index > 0) writer.write(',');
      writeValue(writer, value[index]);
    }
    writer.write(']');
  } else if (value !== null && typeof value === 'object') {
    writer.write('{');
    let first = true;
    for (const key of Object.keys(value)) {
      if (writer.full) break;
      if (!first) writer.write(',');
      first = false;
      writeValue(writer, key);
      writer.write(':');
      writeValue(writer, (value as Record<string, unknown>)[key]);
    }
    writer.write('}');
  } else {
    writer.write(value === undefined ? 'null' : String(value));
  }
}

function escapeHidden(text: string): string {
  return text.replace(HIDDEN_CHARACTER, (character) => {
    const code = character.codePointAt(0) ?? 0;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
