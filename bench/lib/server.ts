/** Starts scripts/serve.sh (Debian nginx with our nginx.conf) on a port of its own. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..', '..');

export interface Server {
  origin: string;
  stop(): void;
}

export async function serve(root: string, port: number): Promise<Server> {
  const child: ChildProcess = spawn('bash', [path.join(repo, 'scripts', 'serve.sh')], {
    env: { ...process.env, PORT: String(port), SERVE_ROOT: root },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`serve.sh exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${origin}/health`)).ok)
        return { origin, stop: () => void child.kill('SIGTERM') };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`nginx on port ${port} did not start`);
}
