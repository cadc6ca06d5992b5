import { TencentEventQueue } from './tencent-event-queue';

describe(TencentEventQueue.name, () => {
  let now: number;
  let sut: TencentEventQueue;

  beforeEach(() => {
    now = 1_700_000_000_000;
    sut = new TencentEventQueue(() => now);
  });

  it('hands out at most 16 events, each under a handle, and keeps them until confirmed', async () => {
    for (let i = 0; i < 20; i++) sut.push({ EventType: 'NewFileUpload', n: i });
    const first = await sut.pull(0);
    expect(first).toHaveLength(16);
    expect(new Set(first.map((event) => event.EventHandle)).size).toBe(16);
    expect(await sut.pull(0)).toHaveLength(4);
    sut.confirm(first.map((event) => event.EventHandle));
    expect(sut.pending).toBe(4);
  });

  it('hands an unconfirmed event out again after 30 s, under a new handle; the old handle no longer confirms', async () => {
    sut.push({ EventType: 'NewFileUpload' });
    const [first] = await sut.pull(0);
    expect(await sut.pull(0)).toEqual([]);
    now += 30_001;
    const [again] = await sut.pull(0);
    expect(again.EventHandle).not.toBe(first.EventHandle);
    sut.confirm([first.EventHandle]);
    expect(sut.pending).toBe(1);
    sut.confirm([again.EventHandle]);
    expect(sut.pending).toBe(0);
  });

  it('holds a pull with nothing to hand out until an event arrives', async () => {
    const pulling = sut.pull(5_000);
    setTimeout(() => sut.push({ EventType: 'NewFileUpload' }), 20);
    const started = Date.now();
    expect(await pulling).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
