import { h } from '../dom.ts';
import type { ScreenContext } from '../screen.ts';

export function renderTrail(ctx: ScreenContext) {
  ctx.root.append(h('p', null, '建设中。'));
}
