/** An outbox kept as JSON lines under data/, so notifications survive a worker restart. */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type NotificationOutbox, type TNotification, ZNotification } from './notifications';

export class FileOutbox implements NotificationOutbox {
  private keys: Set<string> | undefined;
  constructor(private readonly path: string) {}

  async list(): Promise<TNotification[]> {
    const text = await readFile(this.path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '';
      throw e;
    });
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ZNotification.parse(JSON.parse(line)));
  }

  async put(n: TNotification): Promise<boolean> {
    this.keys ??= new Set((await this.list()).map((x) => x.key));
    if (this.keys.has(n.key)) return false;
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, JSON.stringify(n) + '\n', 'utf8');
    this.keys.add(n.key);
    return true;
  }
}
