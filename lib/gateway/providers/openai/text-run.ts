/**
 * Runs of plain text events, read without being parsed.
 *
 * Most events of an OpenAI-format stream differ only in their text: the same envelope (id,
 * created, model, fingerprint) up to `"delta":{`, then `"content":"…"`, then the same ending.
 * Once the envelope is known, a run of such events is checked in place (exact envelope, one
 * well-formed JSON string, a known harmless ending) and its texts are taken together. Any event
 * that is not exactly of that shape ends the run and goes to the full parser.
 */

const CHOICE_DELTA = '"choices":[{"index":0,"delta":{';
const CONTENT_KEY = '"content":"';
const PLAIN_END = '"},"logprobs":null,"finish_reason":null}]}\n\n';
/** The other harmless endings: either key order, and OpenAI's `usage: null` and obfuscation padding. */
const OTHER_END = /"\},(?:"logprobs":null,"finish_reason":null|"finish_reason":null(?:,"logprobs":null)?)\}\](?:,"usage":null)?(?:,"obfuscation":"[\w-]*")?\}\n\n/y;

/**
 * The envelope of a plain text event (its SSE line up to and including `"delta":{`), or
 * undefined when `data` is not one to learn from.
 */
export function envelopeOf(data: string): string | undefined {
  const at = data.indexOf(CHOICE_DELTA);
  if (at < 0 || !data.startsWith(CONTENT_KEY, at + CHOICE_DELTA.length)) return undefined;
  const head = data.slice(0, at);
  if (!head.startsWith('{') || head.includes('"error"') || head.includes('"usage"') || head.includes('\\')) return undefined;
  return `data: ${head}${CHOICE_DELTA}`;
}

export interface TextRun {
  /** Where the run ends in the text. */
  end: number;
  /** The text of all its events together. */
  text: string;
}

/**
 * Whether `text` has `part` at `position`. V8's startsWith with a position is several times
 * slower than comparing a substring when `part` is not a constant, and this runs per event.
 */
const has = (text: string, position: number, part: string) => text.substring(position, position + part.length) === part;

/** The end of the JSON string that starts at `from`, or -1 when it does not end on this line. */
function stringEnd(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  while (quote >= 0 && text.charCodeAt(quote - 1) === 92) {
    let backslashes = 1;
    while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) break;
    quote = text.indexOf('"', quote + 1);
  }
  if (quote < 0) return -1;
  const newline = text.indexOf('\n', from);
  return newline >= 0 && newline < quote ? -1 : quote;
}

/** The run of plain text events with this envelope that starts at `from` in `text`. */
export function plainTextRun(text: string, from: number, envelope: string): TextRun {
  let at = from;
  // The JSON string contents, escapes and all: whole contents of valid strings join into a valid one.
  let written = '';
  while (has(text, at, envelope) && has(text, at + envelope.length, CONTENT_KEY)) {
    const start = at + envelope.length + CONTENT_KEY.length;
    const end = stringEnd(text, start);
    if (end < 0) break;
    let next: number;
    if (has(text, end, PLAIN_END)) next = end + PLAIN_END.length;
    else {
      OTHER_END.lastIndex = end;
      if (!OTHER_END.test(text)) break;
      next = OTHER_END.lastIndex;
    }
    written += text.substring(start, end);
    at = next;
  }
  if (!written.includes('\\')) return { end: at, text: written };
  try {
    return { end: at, text: JSON.parse(`"${written}"`) as string };
  } catch {
    // A bad escape somewhere: the full parser reads these events one by one and names the fault.
    return { end: from, text: '' };
  }
}
