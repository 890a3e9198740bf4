import { h } from '../dom.ts';
import type { ScreenContext } from '../screen.ts';

/**
 * A paginated list (`?limit=&cursor=`, `nextCursor`): the first page at once, then 加载更多 while more
 * follow. `draw` appends a page's items; focus moves to the first new item so keyboard users continue there.
 */
export function pager<T>(
  ctx: ScreenContext,
  options: { load: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string | undefined }>; draw: (items: T[]) => HTMLElement[]; label: string },
) {
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, `加载更多${options.label}`);
  let cursor: string | undefined;
  let count = 0;
  async function next(target: HTMLElement, first: boolean) {
    more.disabled = true;
    try {
      const page = await options.load(cursor);
      if (ctx.signal.aborted) return;
      cursor = page.nextCursor;
      const added = options.draw(page.items);
      target.append(...added);
      count += page.items.length;
      more.hidden = !cursor;
      ctx.announce(count === 0 ? `没有${options.label}。` : `已显示 ${count} 条${options.label}${cursor ? '，还有更多' : ''}。`);
      if (!first) added[0]?.querySelector<HTMLElement>('a, button')?.focus();
    } catch (error) {
      ctx.problem(error);
    } finally {
      more.disabled = false;
    }
  }
  return {
    more,
    start: (target: HTMLElement) => {
      more.onclick = () => void next(target, false);
      return next(target, true);
    },
    count: () => count,
  };
}
