// Finding words in the shown text: ranges over the text nodes of an
// element, painted with the CSS Custom Highlight API (no markup added, so
// the summary marks and dimmed lines stay as they are).

/** The ranges of `element`'s text where `query` occurs, ignoring case. */
export function findRanges(element: Element, query: string, lang: string): Range[] {
  const needle = query.normalize("NFC").toLocaleLowerCase(lang);
  if (needle.trim() === "") return [];
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  const starts: number[] = [];
  let joined = "";
  for (const n of nodes) {
    starts.push(joined.length);
    joined += n.data;
  }
  let hay = joined.toLocaleLowerCase(lang);
  // Lower-casing keeps UTF-16 lengths for Vietnamese; if some script
  // does not, search as written so offsets stay true.
  const exact = hay.length !== joined.length;
  if (exact) hay = joined;
  const want = exact ? query.normalize("NFC") : needle;
  const at = (offset: number): [Text, number] => {
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const node = nodes[lo] as Text;
    return [node, Math.min(offset - (starts[lo] ?? 0), node.data.length)];
  };
  const ranges: Range[] = [];
  for (let i = hay.indexOf(want); i >= 0 && ranges.length < 10000; i = hay.indexOf(want, i + want.length)) {
    const range = document.createRange();
    const [a, ao] = at(i);
    const [b, bo] = at(i + want.length - 1);
    range.setStart(a, ao);
    range.setEnd(b, bo + 1);
    ranges.push(range);
  }
  return ranges;
}

/** Paints `ranges` as highlight `name` (styled by `::highlight(name)`). */
export function paint(name: string, ranges: Range[]): void {
  if (typeof CSS === "undefined" || !("highlights" in CSS)) return;
  if (ranges.length === 0) CSS.highlights.delete(name);
  else CSS.highlights.set(name, new Highlight(...ranges));
}

/** The range of `element`'s text from UTF-16 offset `start` to `end`, or null. */
export function rangeAt(element: Element, start: number, end: number): Range | null {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let at = 0;
  const range = document.createRange();
  let started = false;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const len = (n as Text).data.length;
    if (!started && start < at + len) {
      range.setStart(n, start - at);
      started = true;
    }
    if (started && end <= at + len) {
      range.setEnd(n, end - at);
      return range;
    }
    at += len;
  }
  return null;
}
