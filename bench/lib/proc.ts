import { spawn, spawnSync, type SpawnOptions } from 'node:child_process';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, collecting its output; `onStart` gets the child's pid. */
export function run(cmd: string, args: string[], opts: SpawnOptions & { onStart?: (pid: number) => void } = {}): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('spawn', () => opts.onStart?.(child.pid!));
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command and fails loudly unless it exits 0. */
export async function runOk(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}\n${r.stderr || r.stdout}`);
  return r.stdout;
}

/** The full path of a command on PATH (or in extra directories), or undefined. */
export function which(cmd: string, extraDirs: string[] = []): string | undefined {
  const path = [...extraDirs, ...(process.env.PATH ?? '').split(':')].filter(Boolean).join(':');
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { env: { ...process.env, PATH: path }, encoding: 'utf8' });
  const found = r.stdout.trim();
  return r.status === 0 && found ? found : undefined;
}
