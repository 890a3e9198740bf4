/**
 * Text to GBK bytes, for test files as Excel on Chinese Windows saves them. Node has a GB18030 decoder
 * but no encoder: the table is the decoder's own answer for every two-byte GBK code (lead 0x81–0xFE,
 * trail 0x40–0xFE but 0x7F), which the unit test anchors against code points known from GB 2312.
 */
let table: Map<string, [number, number]> | undefined;

function gbkTable(): Map<string, [number, number]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
}

export function encodeGbk(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = gbkTable().get(char);
    if (!pair) throw new Error(`${char} (U+${code.toString(16)}) has no two-byte GBK code`);
    bytes.push(...pair);
  }
  return Buffer.from(bytes);
}
