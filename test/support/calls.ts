/** The body of a call that must succeed; anything else fails the test with the status and the body. */
export async function ok(promise: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const res = await promise;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Reads until `until` holds (or 5 s pass): a GSI-backed list trails a write by a moment, as DynamoDB's indexes do. */
export async function eventually<T>(read: () => Promise<T>, until: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (until(value) || i >= 50) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
