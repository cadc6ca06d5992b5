/** The authenticated end user. `id` is the token's `sub` and owns everything the user creates. */
export interface Principal {
  id: string;
  permissions: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: Principal;
  }
}
