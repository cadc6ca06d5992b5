// Preloaded into a spawned service (NODE_OPTIONS=--require): at exit it names which of these module families it loaded.
const FAMILIES = { emulator: '/libs/emulator/', bullmq: '/node_modules/bullmq/', undici: '/node_modules/undici/' };
process.on('exit', () => {
  const paths = Object.keys(require.cache);
  const loaded = Object.keys(FAMILIES).filter((family) => paths.some((path) => path.includes(FAMILIES[family])));
  process.stderr.write(`loaded families: ${JSON.stringify(loaded)}\n`);
});
