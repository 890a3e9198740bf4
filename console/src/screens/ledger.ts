import { h } from '../dom.ts';
import type { ScreenContext } from '../screen.ts';

export function renderLedger(ctx: ScreenContext) {
  ctx.root.append(h('p', null, '建设中。'));
}
