/** Sends a query now (a drizzle query is lazy until awaited), so several go out on the connection at once. */
export const send = <T>(q: PromiseLike<T>): Promise<T> => Promise.resolve(q.then((x) => x));
