import { createServer, IncomingHttpHeaders, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';

/**
 * The little HTTP plumbing the local AWS emulators share: a server on 127.0.0.1 that drops
 * its keep-alive connections on close, and forwarding a request byte for byte (same method,
 * path, headers, so SigV4 signatures still verify upstream) to the server it stands in front of.
 */

/** A response from the upstream server, body read in full. */
export interface UpstreamResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Reads a request body in full (the emulated APIs take small XML or JSON bodies). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Sends `req` (with `body`, or its own stream when omitted; `headerChanges` replacing some of
 * its headers) to `upstream` and reads the answer in full.
 */
export function forward(upstream: string, req: IncomingMessage, body?: Buffer, headerChanges: IncomingHttpHeaders = {}): Promise<UpstreamResponse> {
  const target = new URL(upstream);
  const headers = { ...req.headers, ...headerChanges };
  if (body !== undefined) {
    headers['content-length'] = String(body.length);
    delete headers['transfer-encoding'];
  }
  return new Promise((resolve, reject) => {
    const outgoing = request(
      // The Host header stays the one the client signed; only the socket goes elsewhere.
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (incoming) => {
        readBody(incoming).then((data) => resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body: data }), reject);
      },
    );
    outgoing.on('error', reject);
    if (body !== undefined) outgoing.end(body);
    else req.pipe(outgoing);
  });
}

/** Writes an upstream response back to the client, with `extraHeaders` added. */
export function relay(res: ServerResponse, upstream: UpstreamResponse, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(upstream.headers)) if (value !== undefined) headers[name] = value;
  res.writeHead(upstream.status, { ...headers, ...extraHeaders });
  res.end(upstream.body);
}

/** An HTTP server on 127.0.0.1 (port chosen by the OS) whose `close()` does not wait for keep-alive clients. */
export class LocalHttpServer {
  endpoint = '';
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly name: string, private readonly handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // A bug in an emulator shows up as a 500 naming it, never as a hung request.
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`${this.name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      });
    });
    this.server = server;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  /** Never throws; safe when `start()` failed or never ran. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
