/** The SandboxServices of this run; null outside the sandbox. */
export const SANDBOX_SERVICES = Symbol('SANDBOX_SERVICES');
