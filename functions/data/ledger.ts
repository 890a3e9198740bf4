import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { counterAttribute, fenceOf, LEDGER_COUNTERS, monthOf, type LedgerCounter, type LedgerEvent, type LedgerMonth, type LedgerMonthCounts } from '#domain/ledger.ts';
import { dynamo, isConditionFailure, tableName } from './client.ts';
import { keys, type Key } from './keys.ts';
import { clearOutboxMark } from './outbox.ts';
import { batchGetAll, queryAll } from './query.ts';

/**
 * The feedback ledger's items: one per department and month, its counters by day of the check. The
 * store has no transactions, so an event (a check logged, a feedback given) is counted exactly once by
 * a fenced two-step protocol between its source item — which carries an outbox mark until it is
 * counted — and the month item:
 *
 *  1. read the month item (its set `pend` of events counted but not yet settled, and its fences);
 *  2. read the sources: an event whose source has no mark is done (or settling);
 *  3. for the marked events not in `pend`: add their counts and their ids to `pend`, on condition that
 *     none is in `pend` and that each one's fence still holds the count read in 1;
 *  4. clear the sources' marks;
 *  5. take the events out of `pend` and raise their fences.
 *
 * A duplicate (the request and the table's stream, or the sweep after a crash) either finds its event
 * in `pend` (3 fails, or it skips to 4) or, if it read the month item before a settle, finds the fence
 * raised (3 fails, it reads again and sees the mark gone). An event leaves `pend` only after its mark
 * is gone, and a mark never comes back, so after 5 nothing can count it again. A crash between 4 and 5
 * leaves its id in `pend` for good: a few bytes, never counted twice.
 */
type SourcedEvent = { event: LedgerEvent; source: Key };

/** Events of one month item applied per write: keeps the condition expression far under 4 KB. */
const GROUP = 20;
const ATTEMPTS = 8;

const ledgerItem = z.looseObject({ department: z.string(), month: z.string(), pend: z.set(z.string()).optional() });

function countsOf(item: Record<string, unknown>): LedgerMonthCounts & { pend: Set<string>; fences: Map<string, number> } {
  const { department, month, pend } = ledgerItem.parse(item);
  const days = new Map<string, Record<LedgerCounter, number>>();
  const fences = new Map<string, number>();
  for (const [name, value] of Object.entries(item)) {
    const counter = /^([cwran])(\d\d)$/.exec(name);
    if (counter) {
      const day = days.get(counter[2]!) ?? { c: 0, w: 0, r: 0, a: 0, n: 0 };
      day[counter[1] as LedgerCounter] = z.number().int().parse(value);
      days.set(counter[2]!, day);
    } else if (/^ep\d\d$/.test(name)) fences.set(name, z.number().int().parse(value));
  }
  return { department, month, days, pend: pend ?? new Set(), fences };
}

const sourceId = (key: Key) => `${key.PK}\n${key.SK}`;

/** Counts each event once into the ledger item of its department and month (the protocol above). */
export async function applyLedgerEvents(events: readonly SourcedEvent[]): Promise<void> {
  const groups = new Map<string, SourcedEvent[]>();
  for (const e of events) {
    const name = `${e.event.department}\n${monthOf(e.event.day)}`;
    groups.set(name, [...(groups.get(name) ?? []), e]);
  }
  // Items in parallel; one item's groups one after the other, so they never race each other's fences.
  await Promise.all(
    [...groups.values()].map(async (group) => {
      for (let i = 0; i < group.length; i += GROUP) await applyGroup(group.slice(i, i + GROUP));
    }),
  );
}

async function applyGroup(events: readonly SourcedEvent[]): Promise<void> {
  const { department, day } = events[0]!.event;
  const month = monthOf(day);
  const key = keys.ledgerMonth(department, month);
  for (let attempt = 1; ; attempt++) {
    const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    const state = Item ? countsOf(Item) : { pend: new Set<string>(), fences: new Map<string, number>() };
    const sources = [...new Map(events.map((e) => [sourceId(e.source), e.source])).values()];
    const marks = await batchGetAll(sources, { consistent: true, projection: 'PK, SK, GSI2PK' });
    const marked = new Set(marks.filter((m) => m.GSI2PK === keys.outboxPartition).map((m) => sourceId({ PK: String(m.PK), SK: String(m.SK) })));
    const live = events.filter((e) => marked.has(sourceId(e.source)));
    const fresh = live.filter((e) => !state.pend.has(e.event.id));
    if (fresh.length > 0) {
      try {
        await countEvents(key, department, month, fresh.map((e) => e.event), state.fences);
      } catch (error) {
        if (!isConditionFailure(error) || attempt >= ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** attempt));
        continue;
      }
    }
    await Promise.all(live.map((e) => clearOutboxMark(e.source)));
    const settling = events.filter((e) => state.pend.has(e.event.id) || fresh.includes(e)).map((e) => e.event.id);
    if (settling.length > 0) await settleEvents(key, settling);
    return;
  }
}

/** Step 3: the events' counts and ids, on condition that none was counted and no fence moved. */
async function countEvents(key: Key, department: string, month: LedgerMonth, events: readonly LedgerEvent[], fences: ReadonlyMap<string, number>): Promise<void> {
  const names: Record<string, string> = { '#pend': 'pend', '#month': 'month' };
  const values: Record<string, unknown> = {
    ':ids': new Set(events.map((e) => e.id)),
    ':department': department,
    ':month': month,
    ':type': 'ledger-month',
    ':g3pk': keys.ledgerYear(department, month).GSI3PK,
    ':g3sk': keys.ledgerYear(department, month).GSI3SK,
  };
  const sums = new Map<string, number>();
  for (const e of events) {
    for (const counter of LEDGER_COUNTERS) {
      const n = e.delta[counter];
      if (n) sums.set(counterAttribute(counter, e.day), (sums.get(counterAttribute(counter, e.day)) ?? 0) + n);
    }
  }
  const adds = [...sums].map(([attribute, n], i) => {
    names[`#k${i}`] = attribute;
    values[`:k${i}`] = n;
    return `#k${i} :k${i}`;
  });
  const conditions = events.map((e, i) => {
    values[`:e${i}`] = e.id;
    return `NOT contains(#pend, :e${i})`;
  });
  for (const fence of new Set(events.map((e) => fenceOf(e.id)))) {
    names[`#${fence}`] = fence;
    const held = fences.get(fence);
    if (held === undefined) conditions.push(`attribute_not_exists(#${fence})`);
    else {
      values[`:${fence}`] = held;
      conditions.push(`#${fence} = :${fence}`);
    }
  }
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET department = :department, #month = :month, itemType = :type, GSI3PK = :g3pk, GSI3SK = :g3sk ADD #pend :ids${adds.length ? `, ${adds.join(', ')}` : ''}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** Step 5: the events leave `pend` and their fences rise (unconditional: a fence raised for nothing only costs a retry). */
async function settleEvents(key: Key, ids: readonly string[]): Promise<void> {
  const raise = new Map<string, number>();
  for (const id of ids) raise.set(fenceOf(id), (raise.get(fenceOf(id)) ?? 0) + 1);
  const names: Record<string, string> = { '#pend': 'pend' };
  const values: Record<string, unknown> = { ':ids': new Set(ids) };
  const adds = [...raise].map(([fence, n]) => {
    names[`#${fence}`] = fence;
    values[`:${fence}`] = n;
    return `#${fence} :${fence}`;
  });
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `DELETE #pend :ids ADD ${adds.join(', ')}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** A department's months from `from` to `to` (both YYYY-MM; every month it has when omitted), read consistently. */
export async function departmentMonths(department: string, from?: LedgerMonth, to?: LedgerMonth): Promise<LedgerMonthCounts[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.ledgerPartition(department), ':from': keys.ledgerMonthSk(from ?? '0000-00'), ':to': keys.ledgerMonthSk(to ?? '9999-99') },
    ConsistentRead: true,
  });
  return items.map(countsOf);
}

/** Every department's months from `from` to `to`: one Query of the year index per year (eventually consistent, as every GSI). */
export async function cityMonths(from: LedgerMonth, to: LedgerMonth): Promise<LedgerMonthCounts[]> {
  const years: string[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push(String(y).padStart(4, '0'));
  const pages = await Promise.all(
    years.map((year) =>
      queryAll({
        TableName: tableName,
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': keys.ledgerYearPartition(year), ':from': `${from}#`, ':to': `${to}#\uffff` },
      }),
    ),
  );
  return pages.flat().map(countsOf);
}
