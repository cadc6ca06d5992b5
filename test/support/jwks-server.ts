import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JsonWebKey } from 'node:crypto';

/** A JWKS endpoint that counts its fetches and can be made to hang. */
export class JwksServer {
  fetches = 0;
  keys: (JsonWebKey & { kid: string })[] = [];
  hang = false;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.fetches += 1;
      if (this.hang) return;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
