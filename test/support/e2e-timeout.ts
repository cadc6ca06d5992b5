// A timeout catches a hang, it does not measure speed: an e2e test starts processes and servers, which take
// seconds on a busy machine (the suite must pass beside a full load; performance is the benchmark's business).
// Jest's testTimeout is global, not per project: this sets it for the e2e project only.
jest.setTimeout(30_000);
