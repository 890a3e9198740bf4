// The double-random draw (双随机、一公开) checked from a plan document, written from the contract's
// normative description of the draw and not from the service's code: Web Crypto for SHA-256, BigInt
// for tickets, integer arithmetic for sample sizes. A public document (sizes and salted hashes, no
// strata) is checked as far as it allows; a full document (strata, industries, roster) has its whole
// draw re-run. It runs in the browser and, for the parity test, in Node.

export const STRATA = ['A', 'B', 'C', 'D'];

const encoder = new TextEncoder();

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export async function sha256Hex(text) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** "0." + the digest's decimal digits, left-padded to at least 64, reversed. */
export function ticketOf(digestHex) {
  const digits = BigInt(`0x${digestHex}`).toString(10).padStart(64, '0');
  return `0.${[...digits].reverse().join('')}`;
}

/** n = ⌈r × |P| / 10000⌉ with r = round(ratio × 10000), all in integers. */
export function sampleSize(ratio, populationSize) {
  const r = BigInt(Math.round(ratio * 10000));
  return Number((r * BigInt(populationSize) + 9999n) / 10000n);
}

/** Ticket order (string comparison), ids breaking ties. */
const byTicket = (a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Tickets for many ids, hashed in batches so a large population neither stalls nor floods the page. */
async function tickets(seedHash, xs, onProgress) {
  const out = new Array(xs.length);
  for (let start = 0; start < xs.length; start += 512) {
    const batch = xs.slice(start, start + 512);
    const digests = await Promise.all(batch.map((x) => sha256Hex(seedHash + x)));
    digests.forEach((d, i) => (out[start + i] = ticketOf(d)));
    onProgress?.(Math.min(start + 512, xs.length), xs.length);
  }
  return out;
}

/** SHA-256 hex of the lines `<stratum>\t<id>\n`, strata A–D, ids sorted. */
export function populationHash(strata) {
  return sha256Hex(STRATA.flatMap((s) => [...strata[s]].sort().map((id) => `${s}\t${id}\n`)).join(''));
}

/** One stratum's public hash: SHA-256 of `<strataSalt>\n` followed by its sorted `<id>\n` lines. */
export function strataHash(salt, ids) {
  return sha256Hex(`${salt}\n${[...ids].sort().map((id) => `${id}\n`).join('')}`);
}

/** The sample: each stratum's n lowest tickets, merged by ticket ascending. */
export async function drawSample(plan, onProgress) {
  const seedHash = await sha256Hex(`${plan.planId}:${plan.seed}`);
  const drawn = [];
  for (const stratum of STRATA) {
    const ids = plan.strata[stratum];
    const ts = await tickets(seedHash, ids, onProgress);
    const n = sampleSize(plan.ratios[stratum], ids.length);
    const lowest = ids.map((id, i) => ({ id, ticket: ts[i] })).sort(byTicket).slice(0, n);
    for (const { id, ticket } of lowest) drawn.push({ id, subjectId: id, stratum, ticket });
  }
  drawn.sort(byTicket);
  return { seedHash, sample: drawn.map(({ subjectId, stratum, ticket }) => ({ subjectId, stratum, ticket })) };
}

/**
 * Teams, subject by subject: eligible inspectors (plan department, a field prefixing the subject's
 * industry, no conflict) by ticket(subjectId|inspectorId); first the lowest of each plan department in
 * plan order, then the lowest of the rest up to teamSize; too few eligible → team null.
 */
export async function assignTeams(plan, seedHash, sample) {
  const departments = [...new Set(plan.departments)];
  const roster = plan.inspectors.filter((i) => departments.includes(i.department));
  const teams = [];
  for (const entry of sample) {
    const industry = Object.hasOwn(plan.industries, entry.subjectId) ? plan.industries[entry.subjectId] : undefined;
    const candidates = industry === undefined
      ? []
      : roster.filter((i) => i.fields.some((f) => industry.startsWith(f)) && !(i.conflicts ?? []).includes(entry.subjectId));
    const ts = await tickets(seedHash, candidates.map((i) => `${entry.subjectId}|${i.id}`));
    const eligible = candidates.map((i, k) => ({ id: i.id, department: i.department, ticket: ts[k] })).sort(byTicket);
    if (eligible.length < plan.teamSize) {
      teams.push({ ...entry, team: null, eligible: eligible.length });
      continue;
    }
    const team = [];
    for (const department of departments) {
      const first = eligible.find((i) => i.department === department);
      if (first) team.push(first.id);
    }
    for (const inspector of eligible) {
      if (team.length >= plan.teamSize) break;
      if (!team.includes(inspector.id)) team.push(inspector.id);
    }
    teams.push({ ...entry, team });
  }
  return teams;
}

const isIds = (v) => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isRatio = (v) => typeof v === 'number' && v >= 0 && v <= 1;
const isCount = (v) => Number.isInteger(v) && v >= 0;
const isHex = (v) => typeof v === 'string' && /^[0-9a-fA-F]{64}$/.test(v);
const isTeam = (v) => v === null || isIds(v);

/** A document with strata is the full one; any other is read as the public one. */
export const isFull = (doc) => Boolean(doc && typeof doc === 'object' && 'strata' in doc);

/** The first reason a document is not a plan document, or undefined. */
export function shapeProblem(doc) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return '不是一个 JSON 对象';
  if (typeof doc.planId !== 'string' || !doc.planId) return '缺少 planId';
  if (!doc.ratios || !STRATA.every((s) => isRatio(doc.ratios[s]))) return 'ratios 须包含 A、B、C、D 四类 0–1 之间的比例';
  if (!Number.isInteger(doc.teamSize) || doc.teamSize < 2) return 'teamSize 须为不小于 2 的整数';
  if (!isIds(doc.departments) || doc.departments.length === 0) return 'departments 须为部门代码列表';
  if (doc.teamSize < doc.departments.length) return 'teamSize 不得少于计划部门数';
  if (!isHex(doc.seedCommitment)) return 'seedCommitment 须为 SHA-256 十六进制摘要';
  if (typeof doc.populationHash !== 'string') return '缺少 populationHash';
  if (doc.seed !== undefined && typeof doc.seed !== 'string') return 'seed 须为字符串';
  if (doc.results !== undefined && !(Array.isArray(doc.results) && doc.results.every((r) => r && typeof r.subjectId === 'string'))) {
    return 'results 中的条目须含 subjectId';
  }
  const sizes = doc.strataSizes;
  const sizesOk = sizes && typeof sizes === 'object' && [...STRATA, 'exempt'].every((s) => isCount(sizes[s]));
  const hashesOk = doc.strataHashes && typeof doc.strataHashes === 'object' && STRATA.every((s) => isHex(doc.strataHashes[s]));
  if (!isFull(doc)) {
    if (!sizesOk) return 'strataSizes 须包含 A、B、C、D 与 exempt 各类的主体数';
    if (!hashesOk) return 'strataHashes 须包含 A、B、C、D 四类的 SHA-256 摘要';
    if (doc.sample !== undefined) {
      const ok = Array.isArray(doc.sample) && doc.sample.every((e) => e && typeof e.subjectId === 'string' && typeof e.ticket === 'string' && isTeam(e.team));
      if (!ok) return 'sample 中的条目须含 subjectId、ticket、team';
    }
    return undefined;
  }
  if (!STRATA.every((s) => isIds(doc.strata[s]))) return 'strata 须包含 A、B、C、D 四类主体代码列表';
  if (typeof doc.strataSalt !== 'string' || !doc.strataSalt) return '缺少 strataSalt（分类哈希的随机盐）';
  if (!isIds(doc.exempt)) return 'exempt 须为主体代码列表';
  if (!doc.industries || typeof doc.industries !== 'object') return '缺少 industries（主体行业）';
  if (!Array.isArray(doc.inspectors) || !doc.inspectors.every((i) => i && typeof i.id === 'string' && typeof i.department === 'string' && isIds(i.fields) && (i.conflicts === undefined || isIds(i.conflicts)))) {
    return 'inspectors 须为检查人员名录（id、department、fields、conflicts）';
  }
  if (sizes !== undefined && !sizesOk) return 'strataSizes 须包含 A、B、C、D 与 exempt 各类的主体数';
  if (doc.strataHashes !== undefined && !hashesOk) return 'strataHashes 须包含 A、B、C、D 四类的 SHA-256 摘要';
  if (doc.sample !== undefined) {
    const ok = Array.isArray(doc.sample) && doc.sample.every((e) => e && typeof e.subjectId === 'string' && STRATA.includes(e.stratum) && typeof e.ticket === 'string' && isTeam(e.team));
    if (!ok) return 'sample 中的条目须含 subjectId、stratum、ticket、team';
  }
  return undefined;
}

const showTeam = (team) => (team ? `[${team.join(', ')}]` : 'null（未组成检查组）');
const at = (i) => `第 ${i + 1} 条（sample[${i}]）`;

/** The whole sample size: Σ over strata of ⌈round(ratio × 10000) × |P| / 10000⌉. */
export function totalSampleSize(ratios, sizes) {
  return STRATA.reduce((n, s) => n + sampleSize(ratios[s], sizes[s]), 0);
}

/**
 * Verifies a plan document and reports each step and the first difference. Steps: the document's
 * shape; SHA-256(seed) against seedCommitment; then
 * - public document: (once a seed is published) every sampled ticket recomputed, the sample in ticket
 *   order without repeats and teams of teamSize; the sample size from strataSizes and ratios;
 * - full document: populationHash and strataHashes against the strata (no subject in two strata);
 *   then (once a seed is published) the sample and its teams, entry by entry;
 * and finally that every published result concerns a sampled subject.
 * Result: { status: 'match' | 'mismatch' | 'pending', level: 'public' | 'full', steps: [{ key, ok, detail }], difference?, recomputed? }.
 */
export async function verifyPlan(doc, onProgress) {
  const steps = [];
  const level = isFull(doc) ? 'full' : 'public';
  const fail = (key, difference, recomputed) => {
    steps.push({ key, ok: false, detail: difference });
    return { status: 'mismatch', level, steps, difference, recomputed };
  };

  const problem = shapeProblem(doc);
  if (problem) return fail('shape', `文档格式不符：${problem}`);
  steps.push({ key: 'shape', ok: true, detail: level === 'full' ? '完整文档，字段齐全' : '公开文档，字段齐全' });

  if (doc.seed !== undefined) {
    const commitment = await sha256Hex(doc.seed);
    if (commitment !== doc.seedCommitment.toLowerCase()) {
      return fail('seed', `种子与承诺不符：SHA-256(seed) 为 ${commitment}，而公布的 seedCommitment 为 ${doc.seedCommitment}`);
    }
    steps.push({ key: 'seed', ok: true, detail: `SHA-256(种子) = ${commitment}` });
  }

  const run = level === 'full' ? await verifyFull(doc, steps, fail, onProgress) : await verifyPublic(doc, steps, fail);
  if (run.status) return run;

  const sampled = new Set((doc.sample ?? []).map((e) => e.subjectId));
  const stray = (doc.results ?? []).findIndex((r) => !sampled.has(r.subjectId));
  if (stray >= 0) return fail('results', `检查结果第 ${stray + 1} 条（results[${stray}]）的主体 ${doc.results[stray].subjectId} 不在抽取结果中`, run.recomputed);
  steps.push({ key: 'results', ok: true, detail: `公布的 ${(doc.results ?? []).length} 条检查结果均属抽取对象` });
  return { status: 'match', level, steps, recomputed: run.recomputed };
}

async function verifyFull(doc, steps, fail, onProgress) {
  const hash = await populationHash(doc.strata);
  if (hash !== doc.populationHash.toLowerCase()) {
    return fail('population', `名录哈希不符：公布的 populationHash 为 ${doc.populationHash}，按 strata 重新计算为 ${hash}`);
  }
  const seen = new Map();
  for (const s of STRATA) {
    for (const id of doc.strata[s]) {
      if (seen.has(id)) return fail('population', `名录重复：${id} 同时列于 ${seen.get(id)} 类与 ${s} 类`);
      seen.set(id, s);
    }
  }
  for (const s of STRATA) {
    const published = doc.strataHashes?.[s];
    const recomputed = await strataHash(doc.strataSalt, doc.strata[s]);
    if (published !== undefined && published.toLowerCase() !== recomputed) {
      return fail('population', `${s} 类哈希不符：公布的 strataHashes.${s} 为 ${published}，按 strataSalt 与 strata.${s} 重新计算为 ${recomputed}`);
    }
    if (doc.strataSizes && doc.strataSizes[s] !== doc.strata[s].length) {
      return fail('population', `${s} 类规模不符：公布的 strataSizes.${s} 为 ${doc.strataSizes[s]}，strata.${s} 列有 ${doc.strata[s].length} 个`);
    }
  }
  if (doc.strataSizes && doc.strataSizes.exempt !== doc.exempt.length) {
    return fail('population', `免予抽查数不符：公布的 strataSizes.exempt 为 ${doc.strataSizes.exempt}，exempt 列有 ${doc.exempt.length} 个`);
  }
  steps.push({ key: 'population', ok: true, detail: `名录哈希 = ${hash}` });

  if (doc.seed === undefined) {
    return { status: 'pending', level: 'full', steps, difference: '尚未抽取：计划尚未公布种子，抽取结果无法核验（名录哈希一致）。' };
  }

  const { seedHash, sample } = await drawSample(doc, onProgress);
  const recomputed = await assignTeams(doc, seedHash, sample);
  const published = doc.sample ?? [];
  for (let i = 0; i < Math.max(published.length, recomputed.length); i += 1) {
    const p = published[i];
    const r = recomputed[i];
    if (!p) return fail('sample', `${at(i)}：公布结果缺少此条，重新计算应为 ${r.subjectId}（共应有 ${recomputed.length} 条，公布 ${published.length} 条）`, recomputed);
    if (!r) return fail('sample', `${at(i)}：公布了 ${p.subjectId}，但重新计算只有 ${recomputed.length} 条`, recomputed);
    for (const [field, label] of [['subjectId', '主体代码'], ['stratum', '风险类别'], ['ticket', '签号']]) {
      if (p[field] !== r[field]) return fail('sample', `${at(i)}的${label}（${field}）：公布为 ${p[field]}，重新计算为 ${r[field]}`, recomputed);
    }
  }
  steps.push({ key: 'sample', ok: true, detail: `${recomputed.length} 个抽取对象逐条一致` });

  for (let i = 0; i < recomputed.length; i += 1) {
    const p = published[i];
    const r = recomputed[i];
    if (JSON.stringify(p.team) !== JSON.stringify(r.team)) {
      return fail('teams', `${at(i)}的检查组（team）：公布为 ${showTeam(p.team)}，重新计算为 ${showTeam(r.team)}`, recomputed);
    }
    if (r.team === null && !p.unassignedReason) {
      return fail('teams', `${at(i)}：未组成检查组，但未说明原因（unassignedReason）`, recomputed);
    }
  }
  const unassigned = recomputed.filter((e) => e.team === null).length;
  steps.push({ key: 'teams', ok: true, detail: unassigned ? `检查组一致（其中 ${unassigned} 个对象因合格检查人员不足未组成检查组）` : '检查组一致' });
  return { recomputed };
}

async function verifyPublic(doc, steps, fail) {
  if (doc.seed === undefined) {
    return { status: 'pending', level: 'public', steps, difference: '尚未抽取：计划尚未公布种子，抽取结果暂无法核验。' };
  }
  const seedHash = await sha256Hex(`${doc.planId}:${doc.seed}`);
  const published = doc.sample ?? [];
  const ts = await tickets(seedHash, published.map((e) => e.subjectId));
  // The rows of the comparison table: the published entry with the ticket recomputed for it.
  const recomputed = published.map((p, i) => ({ subjectId: p.subjectId, ticket: ts[i], team: p.team }));
  const seen = new Set();
  for (const [i, p] of published.entries()) {
    if (p.ticket !== ts[i]) return fail('tickets', `${at(i)}的签号（ticket）：公布为 ${p.ticket}，按种子重新计算为 ${ts[i]}`, recomputed);
    if (seen.has(p.subjectId)) return fail('tickets', `${at(i)}：主体 ${p.subjectId} 重复抽取`, recomputed);
    seen.add(p.subjectId);
    const before = published[i - 1];
    if (before && byTicket({ id: p.subjectId, ticket: p.ticket }, { id: before.subjectId, ticket: before.ticket }) < 0) {
      return fail('tickets', `${at(i)}：签号小于上一条，抽取结果未按签号升序排列`, recomputed);
    }
    if (p.team !== null && (p.team.length !== doc.teamSize || new Set(p.team).size !== p.team.length)) {
      return fail('tickets', `${at(i)}的检查组（team）：公布为 ${showTeam(p.team)}，但检查组应由 ${doc.teamSize} 名不同的检查人员组成`, recomputed);
    }
  }
  steps.push({ key: 'tickets', ok: true, detail: `${published.length} 个签号逐条一致，且按签号升序排列` });
  const expected = totalSampleSize(doc.ratios, doc.strataSizes);
  if (published.length !== expected) {
    return fail('size', `样本量不符：公布了 ${published.length} 个抽取对象，按各类名录规模与比例应为 ${expected} 个`, recomputed);
  }
  steps.push({ key: 'size', ok: true, detail: `按各类名录规模与比例应抽 ${expected} 个，公布 ${published.length} 个` });
  return { recomputed };
}
