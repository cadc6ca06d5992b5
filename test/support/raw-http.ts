import net from 'node:net';

/** One HTTP/1.1 response as it came off the wire. */
export interface RawResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}

export interface RawExchange {
  responses: RawResponse[];
  /** The server closed the connection before `waitMs` passed. */
  closed: boolean;
  /** Milliseconds from connecting until the server closed (or until we gave up). */
  elapsedMs: number;
}

export interface RawOptions {
  /** How long to wait for the server to answer and close. */
  waitMs?: number;
  /** Stop waiting once this many responses arrived (the connection may stay open). */
  responses?: number;
  /** Stop waiting once something arrived and then nothing more for this long (a kept-alive connection). */
  idleMs?: number;
}

/** Responses in `data`, as many as are complete: status line, headers, a Content-Length or chunked body. */
export function parseResponses(data: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let offset = 0;
  for (;;) {
    const headEnd = data.indexOf('\r\n\r\n', offset);
    if (headEnd < 0) return responses;
    const [statusLine, ...lines] = data.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let bodyStart = headEnd + 4;
    let body = '';
    if (headers['transfer-encoding'] === 'chunked') {
      for (;;) {
        const sizeEnd = data.indexOf('\r\n', bodyStart);
        if (sizeEnd < 0) return responses;
        const size = parseInt(data.subarray(bodyStart, sizeEnd).toString('latin1'), 16);
        if (data.length < sizeEnd + 2 + size + 2) return responses;
        body += data.subarray(sizeEnd + 2, sizeEnd + 2 + size).toString('utf8');
        bodyStart = sizeEnd + 2 + size + 2;
        if (size === 0) break;
      }
    } else {
      const length = Number(headers['content-length'] ?? 0);
      if (data.length < bodyStart + length) return responses;
      body = data.subarray(bodyStart, bodyStart + length).toString('utf8');
      bodyStart += length;
    }
    responses.push({ status, headers, body });
    offset = bodyStart;
  }
}

/** Opens a connection, writes `payload` as is, and collects what the server answers until it closes or `waitMs` passes. */
export function rawExchange(port: number, payload: string | Buffer, options: RawOptions = {}): Promise<RawExchange> {
  const { waitMs = 2_000, responses: wanted, idleMs } = options;
  return new Promise((resolve) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    let settled = false;
    let idle: NodeJS.Timeout | undefined;
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(idle);
      socket.destroy();
      resolve({ responses: parseResponses(Buffer.concat(chunks)), closed, elapsedMs: performance.now() - started });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (wanted !== undefined && parseResponses(Buffer.concat(chunks)).length >= wanted) finish(false);
      if (idleMs !== undefined) {
        clearTimeout(idle);
        idle = setTimeout(() => finish(false), idleMs);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => finish(true));
    socket.on('connect', () => socket.write(payload));
  });
}

/** A socket that sent `payload` and then nothing more, to hold a request open; resolves once connected. */
export function stalledConnection(port: number, payload: string): Promise<{ socket: net.Socket; closed: Promise<RawExchange> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    const closed = new Promise<RawExchange>((done) => {
      socket.on('close', () =>
        done({ responses: parseResponses(Buffer.concat(chunks)), closed: true, elapsedMs: performance.now() - started }),
      );
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.once('error', reject);
    socket.on('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      socket.write(payload, () => resolve({ socket, closed }));
    });
  });
}
