// Reads that arrive together go to the database together. Under load a server holds many
// requests for the same kind of read at once (POS terminals asking for balances); sending
// each as its own statement costs a round trip, a parse of the answer and a pass through
// PostgreSQL's executor per request. A batcher collects what was asked during one turn of
// the event loop and answers it with one statement. Alone, a request waits for nothing
// but the end of the current turn.

export interface Batcher<Q, R> {
  load(group: string, ask: Q): Promise<R>;
}

interface Pending<Q, R> {
  ask: Q;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * run(group, asks) answers asks of one group in order (one answer per ask). A group is
 * what one statement can serve (a program). At most maxBatch asks go to one call.
 */
export function batcher<Q, R>(run: (group: string, asks: Q[]) => Promise<R[]>, maxBatch = 100): Batcher<Q, R> {
  let queued = new Map<string, Pending<Q, R>[]>();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const groups = queued;
    queued = new Map();
    for (const [group, all] of groups) {
      for (let i = 0; i < all.length; i += maxBatch) {
        const part = all.slice(i, i + maxBatch);
        // run may throw before its promise exists; every caller hears either way
        Promise.resolve().then(() => run(group, part.map((p) => p.ask))).then((answers) => {
          if (answers.length !== part.length) throw new Error(`batch: ${answers.length} answers for ${part.length} asks`);
          part.forEach((p, j) => p.resolve(answers[j]!));
        }).catch((err: unknown) => part.forEach((p) => p.reject(err)));
      }
    }
  };

  return {
    load(group, ask) {
      return new Promise<R>((resolve, reject) => {
        let list = queued.get(group);
        if (!list) queued.set(group, (list = []));
        list.push({ ask, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // after the I/O callbacks of this turn: every request read in it is queued by then
          setImmediate(flush);
        }
      });
    },
  };
}
