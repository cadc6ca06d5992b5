/**
 * Preloaded into the service (`BENCH_SERVICE_NODE_ARGS="-r ./bench/tools/allocation-probe.cjs"`): V8's
 * sampling heap profiler from start to exit, counting objects the GC has collected too, so the profile
 * shows where the allocation rate comes from, not only what is alive. Written at exit to
 * $ALLOCATION_PROFILE (default ./allocations.heapprofile); read it with bench/tools/allocation-summary.ts.
 * ALLOCATION_PROMOTED=1 leaves out what young-generation GCs collected: what remains is what reached the
 * old generation (promoted, then collected by a full GC or still alive), i.e. what makes the old space grow.
 * Hand-written because `--heap-prof` keeps only the samples still alive at exit.
 */
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');

const session = new Session();
session.connect();
session.post('HeapProfiler.startSampling', {
  samplingInterval: Number(process.env.ALLOCATION_SAMPLING_BYTES ?? 32768),
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: process.env.ALLOCATION_PROMOTED !== '1',
});
process.on('exit', () => {
  // The in-thread session answers synchronously: the profile is written before the process ends.
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) return;
    writeFileSync(process.env.ALLOCATION_PROFILE ?? 'allocations.heapprofile', JSON.stringify(result.profile));
  });
});
