import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, UnreadableTextError } from '#use-cases/import/decode.ts';
import { csvMapper, headerNames, resolveHeader } from '#use-cases/import/map-columns.ts';
import { parseCsv } from '#use-cases/import/parse-csv.ts';
import { encodeGbk } from '../support/gbk.ts';

const HEADER = '行政相对人名称,行政相对人代码_1,行政处罚决定书文号,处罚决定日期,违法行为类型';
const ROW = '天津甲商贸有限公司,91120101MA05A0001N,津市监罚〔2026〕101号,2026-03-15,未按规定公示年度报告';

describe('the test helper that writes GBK', () => {
  it('writes the GB 2312 codes of known characters', () => {
    // 中 D6D0, 文 CEC4, 天 CCEC, 津 BDF2, （ A3A8, 〔 A1B2: from the GB 2312 code table, not from the decoder.
    expect([...encodeGbk('中文天津（〔a')]).toEqual([0xd6, 0xd0, 0xce, 0xc4, 0xcc, 0xec, 0xbd, 0xf2, 0xa3, 0xa8, 0xa1, 0xb2, 0x61]);
  });
});

describe('reading the encoding of an import file', () => {
  const text = `${HEADER}\n${ROW}\n`;
  it.each([
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8', true],
    ['UTF-8 without a BOM', Buffer.from(text), 'utf-8', false],
    ['GBK (Excel on Chinese Windows)', encodeGbk(text), 'gb18030', false],
    ['UTF-16 LE with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'utf-16le', true],
    ['UTF-16 BE with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), 'utf-16be', true],
  ] as const)('reads %s', (_name, bytes, encoding, bom) => {
    const decoded = decodeText(bytes);
    expect(decoded).toEqual({ text, encoding, bom });
  });

  it('takes plain ASCII for UTF-8', () => {
    expect(detectEncoding(Buffer.from('subjectId,documentNo\n'))).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });

  it('takes GB18030 four-byte sequences too (characters outside GBK)', () => {
    // U+20000 𠀀 is 0x95 0x32 0x82 0x36 in GB18030.
    expect(decodeText(Buffer.from([0x95, 0x32, 0x82, 0x36])).text).toBe('𠀀');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 rather than guessing', () => {
    expect(() => decodeText(Buffer.from([0xd6, 0xd0, 0xff, 0xff]))).toThrow(UnreadableTextError);
  });

  it('parses a GBK CSV into the same rows and line numbers as its UTF-8 twin', () => {
    const text = `${HEADER}\r\n${ROW}\r\n"天津乙建设工程有限公司",91120102MA05B00020,"津市监罚〔2026〕102号",2026-04-02,"在售""散装熟食""\n未标注日期"\r\n`;
    const gbk = parseCsv(encodeGbk(text));
    const utf8 = parseCsv(Buffer.from(text));
    expect(gbk).toEqual({ ...utf8, encoding: 'gb18030' });
    expect(gbk.header![0]).toBe('行政相对人名称');
    expect(gbk.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(gbk.rows[1]).toMatchObject({ kind: 'csv', values: ['天津乙建设工程有限公司', '91120102MA05B00020', '津市监罚〔2026〕102号', '2026-04-02', '在售"散装熟食"\n未标注日期'] });
  });
});

describe('mapping 双公示 headers', () => {
  it.each([
    ['行政相对人代码_1(统一社会信用代码)', '行政相对人代码_1'],
    ['行政相对人代码_1（统一社会信用代码）', '行政相对人代码_1'],
    [' 行政相对人代码_1 （ 统一社会信用代码 ） ', '行政相对人代码_1'],
    ['*行政处罚决定书文号', '行政处罚决定书文号'],
    ['处罚决定日期（必填）', '处罚决定日期'],
    ['罚款金额（万元）', '罚款金额(万元)'],
    ['罚款金额(万元)(必填)', '罚款金额(万元)'],
    ['罚款金额（元）', '罚款金额(元)'],
    ['行政相对人代码_2(工商注册号)', '行政相对人代码_2'],
    ['\uFEFF行政相对人名称', '行政相对人名称'],
    ['行政相对人代码＿１', '行政相对人代码_1'],
  ])('knows %s as %s', (header, name) => {
    expect(resolveHeader(header)?.name).toBe(name);
  });

  it.each(['罚款金额', '罚款金额(千元)', '罚款金额（美元）', '经办人'])('does not read %s (a fine in an unknown unit is never read at a guessed scale)', (header) => {
    expect(resolveHeader(header)).toBeUndefined();
  });

  it('lists the names a header may be known by, most specific first', () => {
    expect(headerNames('罚款金额（万元）（必填）')).toEqual(['罚款金额(万元)(必填)', '罚款金额(万元)', '罚款金额']);
  });

  it('maps a penalty row whose headers carry qualifiers, naming the columns as written', () => {
    const header = ['行政相对人名称（必填）', '行政相对人代码_1(统一社会信用代码)', '行政处罚决定书文号（必填）', '处罚决定日期(格式YYYY-MM-DD)', '违法行为类型', '处罚类别', '罚款金额（元）', '经办人'];
    const mapper = csvMapper(header, 'penalty');
    expect(mapper.missing).toEqual([]);
    expect(mapper.ignored).toEqual(['经办人']);
    const row = mapper.map(['天津甲商贸有限公司', '91120101MA05A0001N', '津市监罚〔2026〕101号', '2026/3/15', '未按规定公示年度报告', '罚款', '3,500', '张三']);
    expect(row.body).toEqual({
      type: 'penalty',
      subjectId: '91120101MA05A0001N',
      documentNo: '津市监罚〔2026〕101号',
      decidedOn: '2026-03-15',
      title: '罚款：未按规定公示年度报告',
      fineAmount: 3500,
    });
    expect(row.subjectName).toBe('天津甲商贸有限公司');
    expect(row.columnOf('subjectId')).toBe('行政相对人代码_1(统一社会信用代码)');
    expect(row.columnOf('documentNo')).toBe('行政处罚决定书文号（必填）');
    expect(row.columnOf('subjectName')).toBe('行政相对人名称（必填）');
  });

  it('maps a licence file with qualified headers as licences', () => {
    const header = ['行政相对人名称', '行政相对人代码_1（统一社会信用代码）', '行政许可决定文书号', '许可决定日期', '许可证书名称', '有效期至（格式：YYYYMMDD）'];
    const mapper = csvMapper(header, 'penalty');
    expect(mapper.missing).toEqual([]);
    const row = mapper.map(['天津丙餐饮管理有限公司', '91120103MA05C00039', '津和市监许〔2026〕7号', '20260301', '食品经营许可证', '20310228']);
    expect(row.body).toEqual({
      type: 'licence',
      subjectId: '91120103MA05C00039',
      documentNo: '津和市监许〔2026〕7号',
      decidedOn: '2026-03-01',
      title: '食品经营许可证',
      validUntil: '2031-02-28',
    });
  });
});

describe('the templates in data/templates', () => {
  it.each([
    ['penalties.csv', { type: 'penalty', documentNo: '津宝市监罚〔2026〕88号', fineAmount: 20000, severity: 'general' }],
    ['licences.csv', { type: 'licence', documentNo: '津宝市监许〔2026〕31号', validUntil: '2031-03-01' }],
  ])('%s: every column is one the importer reads or knows, and its example row is a valid record', async (name, expected) => {
    const { readFile } = await import('node:fs/promises');
    const { checkBody } = await import('#use-cases/import/validate.ts');
    const source = parseCsv(await readFile(new URL(`../../data/templates/${name}`, import.meta.url)));
    const mapper = csvMapper(source.header!, 'penalty');
    expect(mapper.missing).toEqual([]);
    expect(mapper.ignored).toEqual([]);
    expect(source.rows).toHaveLength(1);
    const [row] = source.rows;
    if (row?.kind !== 'csv') throw new Error(`${name}: the example row is not a CSV row`);
    const mapped = mapper.map(row.values);
    expect(mapped.subjectName).toBe('天津宝坻示例商贸有限公司');
    const checked = checkBody(mapped, '2026-12-31');
    expect(checked).toMatchObject({ ok: true, value: { subjectId: '91120224064012553U', ...expected } });
  });
});
