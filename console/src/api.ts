/**
 * The API client of every screen: the bearer token attached, JSON in and out, and every failure as an
 * ApiProblem with Chinese wording and the problem+json field paths (`errors[].path`), which forms show
 * beside their fields (forms.ts). A 401 ends the session and returns to sign-in (the shell's onUnauthorized).
 */

export interface FieldError {
  path: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldError[] = [],
    readonly requestId?: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

const STATUS_TEXT: Record<number, string> = {
  0: '无法连接服务，请检查网络后重试。',
  400: '提交的内容有误，请按提示修改。',
  401: '登录已失效，请重新登录。',
  403: '当前账号无权进行此操作。',
  404: '未找到所请求的记录。',
  409: '与已保存的内容冲突，请刷新后重试。',
  413: '提交的内容过大。',
  422: '请求无法受理。',
  429: '操作过于频繁，请稍后重试。',
};

/** The Chinese sentence for a status (5xx: one for all, the request id quoted by the caller). */
export const statusText = (status: number) => STATUS_TEXT[status] ?? (status >= 500 ? '服务暂时无法完成请求，请稍后重试。' : `请求失败（${status}）。`);

/** The common validation messages in Chinese; anything else is shown as the service wrote it. */
const MESSAGES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/^Required$|^Invalid input: expected \w+, received undefined$/, '必填'],
  [/^must be at most (\d+) characters$/, (m) => `最多 ${m[1]} 个字符`],
  [/^Too big: expected array to have <=(\d+) items$/, (m) => `最多 ${m[1]} 项`],
  [/^Too small: expected array to have >=(\d+) items?$/, (m) => `至少 ${m[1]} 项`],
  [/^is required when the measure was not applied$/, '未采用时必须说明理由'],
  [/^Invalid option/, '不是可选的值'],
];

export function translateMessage(message: string): string {
  for (const [pattern, text] of MESSAGES) {
    const m = pattern.exec(message);
    if (m) return typeof text === 'string' ? text : text(m);
  }
  return message;
}

export interface Api {
  get<T = any>(path: string, query?: Record<string, string | number | undefined>): Promise<T>;
  /** `headers`: extra request headers (e.g. an `Idempotency-Key`). */
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<T>;
  put<T = any>(path: string, body: unknown): Promise<T>;
}

export function createApi(token: () => string | undefined, onUnauthorized: () => void): Api {
  async function call(method: string, path: string, body?: unknown, query?: Record<string, string | number | undefined>, extra?: Record<string, string>) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { ...extra, accept: 'application/json' };
    const bearer = token();
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw new ApiProblem(0, statusText(0));
    }
    const text = await res.text();
    let parsed: any;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.ok) return parsed;
    if (res.status === 401) onUnauthorized();
    const errors: FieldError[] = Array.isArray(parsed?.errors)
      ? parsed.errors.filter((e: any) => typeof e?.path === 'string').map((e: any) => ({ path: e.path, message: translateMessage(String(e.message ?? '')) }))
      : [];
    const requestId = typeof parsed?.requestId === 'string' ? parsed.requestId : (res.headers.get('x-request-id') ?? undefined);
    throw new ApiProblem(res.status, statusText(res.status), errors, requestId, typeof parsed?.detail === 'string' ? parsed.detail : undefined);
  }
  return {
    get: (path, query) => call('GET', path, undefined, query),
    post: (path, body, headers) => call('POST', path, body, undefined, headers),
    put: (path, body) => call('PUT', path, body),
  };
}
