/**
 * Maps evidence back to the page. The background reports evidence as offsets into the field
 * texts the content script sent; adapters built those texts from `textContent` with
 * whitespace collapsed (lib/page/sites/dom-text.ts `cleanText`). So the item element's text
 * nodes are walked with the same collapsing, the field is found in that collapsed text, and
 * each collapsed offset is traced back to a (text node, offset) position. Nothing here
 * changes the page: the caller turns positions into Ranges for the Custom Highlight API.
 */

/** One position in the page: a text node and a UTF-16 offset into its data. */
export interface TextPosition {
  node: Text;
  offset: number;
}

/** A range of page text, shaped like StaticRange's init so callers can build either. */
export interface TextSpan {
  startContainer: Text;
  startOffset: number;
  endContainer: Text;
  endOffset: number;
}

export interface CollapsedText {
  /** The element's text with every whitespace run turned into one space (not trimmed). */
  text: string;
  /** For each character of `text`: where it starts in the page. */
  starts: TextPosition[];
  /** For each character of `text`: where it ends in the page. */
  ends: TextPosition[];
}

export interface EvidenceLike {
  field: string;
  start: number;
  end: number;
  text: string;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const WHITESPACE = /\s/;

/** Text nodes in document order, as `textContent` concatenates them. */
function textNodesOf(root: Node): Text[] {
  const out: Text[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) {
      out.push(node as Text);
      continue;
    }
    if (node.nodeType !== ELEMENT_NODE && node !== root) continue;
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
  return out;
}

/** `root.textContent.replace(/\s+/g, ' ')`, with every character traced to the page. */
export function collapsedTextOf(root: Node): CollapsedText {
  let text = '';
  const starts: TextPosition[] = [];
  const ends: TextPosition[] = [];
  let inSpace = false;
  for (const node of textNodesOf(root)) {
    const data = node.data;
    for (let i = 0; i < data.length; i++) {
      const char = data[i]!;
      if (WHITESPACE.test(char)) {
        if (inSpace) {
          // The run goes on: the one space it became now ends here.
          ends[ends.length - 1] = { node, offset: i + 1 };
          continue;
        }
        inSpace = true;
        text += ' ';
      } else {
        inSpace = false;
        text += char;
      }
      starts.push({ node, offset: i });
      ends.push({ node, offset: i + 1 });
    }
  }
  return { text, starts, ends };
}

/** The span of collapsed characters [from, to) in the page, or undefined when empty. */
export function spanOf(collapsed: CollapsedText, from: number, to: number): TextSpan | undefined {
  if (from < 0 || to > collapsed.text.length || to <= from) return undefined;
  const start = collapsed.starts[from]!;
  const end = collapsed.ends[to - 1]!;
  return {
    startContainer: start.node,
    startOffset: start.offset,
    endContainer: end.node,
    endOffset: end.offset,
  };
}

/**
 * Where each piece of evidence is in the page, in the order given; undefined for evidence
 * that has no place in the page text (a price condition, a missing hashtag, a field read
 * from JSON-LD rather than from visible text).
 */
export function evidenceSpans(
  root: Node,
  fields: Readonly<Record<string, string>>,
  evidence: readonly EvidenceLike[],
): Array<TextSpan | undefined> {
  let collapsed: CollapsedText | undefined;
  const fieldAt = new Map<string, number>();
  const locate = (needle: string) => {
    collapsed ??= collapsedTextOf(root);
    return needle ? collapsed.text.indexOf(needle) : -1;
  };
  return evidence.map((e) => {
    if (e.end <= e.start) return undefined;
    const field = fields[e.field];
    if (field === undefined) {
      // Evidence in a derived field (e.g. "hashtags", the tags joined): find its own text.
      const at = locate(e.text);
      return at < 0 ? undefined : spanOf(collapsed!, at, at + e.text.length);
    }
    let base = fieldAt.get(e.field);
    if (base === undefined) {
      base = locate(field);
      fieldAt.set(e.field, base);
    }
    if (base < 0 || e.end > field.length) return undefined;
    return spanOf(collapsed!, base + e.start, base + e.end);
  });
}

/** The page text a span covers (for tests and for checking a span against its evidence). */
export function textOfSpan(span: TextSpan, collapsed: CollapsedText): string {
  let out = '';
  let collecting = false;
  for (let i = 0; i < collapsed.text.length; i++) {
    const start = collapsed.starts[i]!;
    if (start.node === span.startContainer && start.offset === span.startOffset) collecting = true;
    if (collecting) out += collapsed.text[i];
    const end = collapsed.ends[i]!;
    if (collecting && end.node === span.endContainer && end.offset === span.endOffset) break;
  }
  return out;
}
