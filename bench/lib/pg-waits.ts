import pg from 'pg';

/**
 * Samples pg_stat_activity for one database every `everyMs` while a load runs and counts
 * what its backends are doing: running on CPU (state active, no wait event), waiting on
 * a lock, on WAL flush (IO/WALSync, LWLock/WALWrite), or idle waiting for the client
 * (the application has not sent the next statement: the app side is the bottleneck).
 */
export function sampleWaits(url: string, dbName: string, everyMs = 50) {
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const client = new pg.Client({ connectionString: url });
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const r = await client.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null; n: string }>(
        `SELECT state, wait_event_type, wait_event, count(*) AS n FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'
         GROUP BY 1, 2, 3`, [dbName]);
      samples++;
      for (const row of r.rows) {
        const what = row.state === 'active'
          ? row.wait_event ? `active: ${row.wait_event_type}/${row.wait_event}` : 'active: on CPU'
          : `${row.state ?? '?'}${row.wait_event ? ` (${row.wait_event_type}/${row.wait_event})` : ''}`;
        counts.set(what, (counts.get(what) ?? 0) + Number(row.n));
      }
      await new Promise((res) => setTimeout(res, everyMs));
    }
    await client.end();
  })();
  return {
    async stop(): Promise<{ samples: number; perSample: [string, number][] }> {
      stopped = true;
      await loop;
      const perSample = [...counts.entries()].map(([k, v]) => [k, v / Math.max(samples, 1)] as [string, number]).sort((a, b) => b[1] - a[1]);
      return { samples, perSample };
    },
  };
}

export function formatWaits(w: { samples: number; perSample: [string, number][] }): string {
  return [`PostgreSQL backends by state (average count per sample, ${w.samples} samples):`,
    ...w.perSample.map(([k, v]) => `  ${v.toFixed(2).padStart(6)}  ${k}`)].join('\n');
}
