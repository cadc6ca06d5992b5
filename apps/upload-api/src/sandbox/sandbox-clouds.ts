// The app's one runtime import of the emulator, required by prepareSandbox only when it starts the emulator in-process.
import { profileVariable, type RegionsConfig } from '@app/config';
import { type RunningEmulator, startSandboxCloud } from '@app/emulator';
import type { SandboxDto } from '../providers';

/** The sandbox's clouds: one emulator per region profile (one without REGIONS), and the service's settings for all. */
export interface SandboxClouds {
  /** The default profile's emulator (what GET /v1/sandbox names; tests look into its stores). */
  emulator: RunningEmulator;
  /** Where each profile's upload SDKs reach its emulator's storage stand-ins, by profile name. */
  endpoints: Record<string, SandboxDto>;
  serviceEnv: Record<string, string>;
  description: string[];
  /** Expires every upload credential each emulator has issued; how many. */
  expireAll(): number;
  close(): Promise<void>;
}

/**
 * Without REGIONS, the one emulator as before. With `REGIONS=cn,intl` (and no cloud configured), one
 * emulator per profile, each its own accounts, keys and callback secrets: the default profile's plays
 * the mainland China market, every other one the international; each profile's settings are its own (`…__INTL`),
 * and a setting the other region has and this one has not is emptied there (IMS, a storage location).
 */
export async function startSandboxClouds(eventsUrl: string, regions: RegionsConfig): Promise<SandboxClouds> {
  const profiles = regions.declared ? [regions.default, ...regions.names.filter((name) => name !== regions.default)] : [regions.default];
  const clouds = await Promise.all(
    profiles.map((profile, index) =>
      regions.declared ? startSandboxCloud(eventsUrl, { profile, international: index > 0 }) : startSandboxCloud(eventsUrl),
    ),
  );
  const [first] = clouds;
  const serviceEnv = { ...first.serviceEnv };
  clouds.slice(1).forEach((cloud, index) => {
    const names = new Set([...Object.keys(first.serviceEnv), ...Object.keys(cloud.serviceEnv)]);
    for (const name of names) serviceEnv[profileVariable(name, profiles[index + 1])] = cloud.serviceEnv[name] ?? '';
  });
  const endpoints = Object.fromEntries(
    clouds.flatMap((cloud, index) => {
      const stand = cloud.emulator.storage.endpoints();
      return stand ? [[profiles[index], stand]] : [];
    }),
  );
  return {
    emulator: first.emulator,
    endpoints,
    serviceEnv,
    description: clouds.flatMap((cloud, index) => (index === 0 ? cloud.description : cloud.description.slice(0, 1))),
    expireAll: () => clouds.reduce((sum, cloud) => sum + cloud.emulator.storage.keys.expireAll(), 0),
    close: async () => {
      await Promise.all(clouds.map((cloud) => cloud.emulator.close()));
    },
  };
}
