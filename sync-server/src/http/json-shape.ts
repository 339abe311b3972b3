// A pass over a JSON body's bytes that sees its shape (nesting, how many items each array and object
// holds, where each string is) without parsing it, so that a body can be refused, or cut into pieces
// to parse one at a time, before JSON.parse spends its time on it (issue 60: 15 MB of `[1,1,1,…]`
// took JSON.parse 1.3 s). Strings are skipped with Buffer.indexOf, so long text costs little; it does
// not check the grammar (JSON.parse still does, on what it is given).

/**
 * The errors are body-parser's kind (a `type` and `status`, app-errors.ts's requestError codes them),
 * since body-parser hands on what a `verify` hook throws: a 400 `invalid-json`, a 400 for too deep,
 * a 413 `payload-too-large` naming the limit.
 */
const notJson = () =>
  Object.assign(new Error('The body is not valid JSON'), { status: 400, type: 'entity.parse.failed' });
const tooDeep = (limit: number) =>
  Object.assign(new Error(`JSON nested deeper than ${limit} levels`), {
    status: 400,
    type: 'entity.too.deep',
    limit,
  });
export const tooHeavy = (message: string) =>
  Object.assign(new Error(message), { status: 413, expose: true, type: 'entity.too.heavy' });

/** An open array or object: how many items it has so far (commas + 1 once it is not empty). */
export type Frame = { array: boolean; items: number; start: number; expectKey: boolean; key?: string };

export type ShapeHooks = {
  /** A container opened (it is the last of `stack`). */
  open?(stack: Frame[], at: number): void;
  /** A container closed at `at` (it is no longer in `stack`). */
  close?(frame: Frame, stack: Frame[], at: number): void;
  /** A comma at `at` in the last frame of `stack`, whose `items` now counts the next item. */
  comma?(stack: Frame[], at: number): void;
  /** A string from `start` to `end` (both quotes included) in the last frame of `stack`. */
  string?(stack: Frame[], start: number, end: number, isKey: boolean): void;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The index of the quote that ends the string opened at `open`, or -1. */
function stringEnd(buf: Buffer, open: number): number {
  let at = buf.indexOf(QUOTE, open + 1);
  while (at !== -1) {
    let slashes = 0;
    while (buf[at - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return at;
    at = buf.indexOf(QUOTE, at + 1);
  }
  return -1;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Walks a JSON text's bytes a piece at a time, keeping its place between pieces. */
export class ShapeScanner {
  readonly stack: Frame[] = [];
  at = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly maxDepth: number,
    private readonly hooks: ShapeHooks = {},
  ) {}

  get done(): boolean {
    return this.at >= this.buf.length;
  }

  /** Scans on to `until` (at least; a string is passed whole). */
  scan(until: number): void {
    const { buf, stack, hooks } = this;
    const end = Math.min(until, buf.length);
    let i = this.at;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (c === QUOTE) {
        const close = stringEnd(buf, i);
        if (close === -1) throw notJson();
        const top = stack[stack.length - 1];
        const isKey = top !== undefined && !top.array && top.expectKey;
        if (top && top.items === 0) top.items = 1;
        hooks.string?.(stack, i, close, isKey);
        i = close;
      } else if (c === 0x7b || c === 0x5b) {
        const top = stack[stack.length - 1];
        if (top && top.items === 0) top.items = 1;
        if (stack.length >= this.maxDepth) throw tooDeep(this.maxDepth);
        stack.push({ array: c === 0x5b, items: 0, start: i, expectKey: c === 0x7b });
        hooks.open?.(stack, i);
      } else if (c === 0x7d || c === 0x5d) {
        const frame = stack.pop();
        if (!frame) throw notJson();
        hooks.close?.(frame, stack, i);
      } else if (c === 0x2c) {
        const top = stack[stack.length - 1];
        if (!top) throw notJson();
        top.items++;
        top.expectKey = !top.array;
        hooks.comma?.(stack, i);
      } else if (c === 0x3a) {
        const top = stack[stack.length - 1];
        if (top) top.expectKey = false;
      } else if (!isSpace(c)) {
        // A number, true, false or null: the frame has an item.
        const top = stack[stack.length - 1];
        if (top && top.items === 0) top.items = 1;
      }
    }
    this.at = i;
  }
}

/** The limits of a JSON body's shape: nesting, items of any one array or object, values in all. */
export type ShapeLimits = { maxDepth: number; maxItems: number; maxValues: number };

/**
 * A body-parser `verify` hook refusing a body whose shape breaks `limits` before it is parsed: its
 * cost stops where the body breaks them, and strings are skipped natively.
 */
export function refuseHeavyJson(limits: ShapeLimits) {
  return (_req: unknown, _res: unknown, body: Buffer): void => {
    let values = 0;
    const count = (stack: Frame[]) => {
      const top = stack[stack.length - 1]!;
      if (top.items > limits.maxItems)
        throw tooHeavy(
          `An ${top.array ? 'array' : 'object'} of the body has more than ${limits.maxItems} items`,
        );
      if (++values > limits.maxValues) throw tooHeavy(`The body has more than ${limits.maxValues} values`);
    };
    new ShapeScanner(body, limits.maxDepth, { comma: count, open: count }).scan(body.length);
  };
}
