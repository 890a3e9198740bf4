import { h } from '../dom.ts';
import type { ScreenContext } from '../screen.ts';

export function batchSection(_ctx: ScreenContext, _matters: { value: string; label: string }[]) {
  return h('section', { class: 'panel' }, h('h2', null, '批量核查'), h('p', null, '建设中。'));
}
