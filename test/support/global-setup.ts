// TEMPORARY until the store branch lands
export default async function globalSetup(): Promise<void> {}
