// Unit tests of the Redis store, the webhook queue and the emulator talk to real local servers: on a machine
// running a full load beside them, Jest's 5 s default has been too short (the GCRA contract's 1,000 calls in a
// row). A timeout catches a hang; speed is the benchmark's business.
jest.setTimeout(15_000);
