// TEMPORARY until the store branch lands
export default async function globalTeardown(): Promise<void> {}
