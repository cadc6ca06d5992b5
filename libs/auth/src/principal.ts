/** The authenticated end user. `id` is the token's `sub` and owns everything the user creates. */
export interface Principal {
  id: string;
  permissions: string[];
  /**
   * The region profile the user's uploads go to: the token's region claim, or the default profile
   * without one. Only when REGIONS declares profiles; absent too when the claim names no profile (upload
   * routes then answer 403 REGION_NOT_ALLOWED).
   */
  region?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: Principal;
  }
}
