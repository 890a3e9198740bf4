import { fill, h } from '../dom.ts';
import { OBJECTION_DECISIONS } from '../labels.ts';
import { renderPetitions, type Petition } from '../parts/petitions.ts';
import { correctionFields } from '../parts/record-actions.ts';
import type { CreditRecord } from '../parts/record-card.ts';
import type { ScreenContext } from '../screen.ts';

/**
 * 异议处理: objections to the department's records (GET /v1/objections?status=open|overdue|decided) and their
 * decision (POST /v1/objections/{objectionId}/decide): 维持, 更正 with the record's correctable fields as the
 * 信用记录 screen's 更正 has them (the record read from GET /v1/entities/{id}/records when 更正 is chosen), or
 * 撤销. `#/objections?status=`.
 */
interface Objection extends Petition {
  objectionId: string;
  reason: string;
}

const EFFECTS: Record<string, string> = {
  upheld: '记录维持不变，“异议处理中”标注取消。',
  corrected: '记录按下列内容更正，以本异议为更正理由。',
  retracted: '记录将被撤销，不再公示、不再计入核查，以本异议为撤销理由。',
};

export function renderObjections(ctx: ScreenContext) {
  return renderPetitions<Objection>(ctx, {
    route: 'objections',
    noun: '异议',
    list: { path: '/v1/objections', key: 'objections' },
    idOf: (o) => o.objectionId,
    said: (o) => h('span', null, '异议理由：', o.reason),
    decisions: OBJECTION_DECISIONS,
    effect: (d) => EFFECTS[d] ?? '',
    decidePath: (o) => `/v1/objections/${encodeURIComponent(o.objectionId)}/decide`,
    extra: (c, o, decision) => correction(c, o, decision),
  });
}

/** The correction of a corrected objection: the record's fields, read once 更正 is chosen. */
function correction(ctx: ScreenContext, o: Objection, decision: () => string) {
  const area = h('div', { class: 'correction', hidden: true });
  let fields: ReturnType<typeof correctionFields> | undefined;
  let loading: Promise<void> | undefined;
  const load = () =>
    (loading ??= ctx.api
      .get<{ records: CreditRecord[] }>(`/v1/entities/${encodeURIComponent(o.subjectId)}/records`)
      .then(({ records }) => {
        const record = records.find((r) => r.recordId === o.recordId);
        if (!record) throw new Error('未找到该记录。');
        fields = correctionFields(record);
        fill(area, h('p', { class: 'hint' }, '更正的内容（只提交改动的项目；文书号、名单、主体和记录类型不能更正）：'), fields.element);
      })
      .catch((error) => {
        loading = undefined;
        ctx.problem(error);
      }));
  const element = h('div', null, area);
  // The radios live outside this element: watch the whole form once it is attached.
  queueMicrotask(() =>
    element.closest('form')?.addEventListener('change', (event) => {
      if ((event.target as HTMLInputElement).type !== 'radio') return;
      area.hidden = decision() !== 'corrected';
      if (!area.hidden) void load();
    }),
  );
  const corrected = () => decision() === 'corrected';
  return {
    element,
    check: () => (!corrected() ? [] : fields ? fields.check() : [{ path: 'decision', message: '正在读取记录，请稍候再试' }]),
    body: () => (corrected() && fields ? { changes: fields.changes() } : {}),
    describe: () => (corrected() && fields ? fields.describe() : null),
  };
}
