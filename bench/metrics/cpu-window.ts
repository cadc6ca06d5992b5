import { cpuMicros } from './proc';

/** CPU time several processes spend between start() and stop(), in microseconds, by role. */
export class CpuWindow<Role extends string> {
  private before: Record<Role, number> | undefined;

  constructor(private readonly pids: Record<Role, number>) {}

  start(): void {
    this.before = this.read();
  }

  stop(): Record<Role, number> {
    if (!this.before) throw new Error('CpuWindow.stop() before start()');
    const after = this.read();
    const before = this.before;
    return Object.fromEntries(Object.keys(after).map((role) => [role, after[role as Role] - before[role as Role]])) as Record<Role, number>;
  }

  private read(): Record<Role, number> {
    return Object.fromEntries(Object.entries(this.pids).map(([role, pid]) => [role, cpuMicros(pid as number)])) as Record<Role, number>;
  }
}
