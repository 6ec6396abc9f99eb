import { request, type IncomingMessage, type ServerResponse } from "node:http";
import { connect } from "node:net";
import type { Duplex } from "node:stream";

/**
 * Passing a request on to the instance that serves its board, as it came: an HTTP request with
 * its body and streamed answer (a phone's event stream too), or a websocket upgrade as raw bytes
 * both ways, so that the holder sees the client's own frames and the client the holder's. The
 * request keeps its Host and Origin: the holder checks them as if the client had reached it.
 */

export type ExtraHeaders = Record<string, string>;

/** Hop-by-hop headers and ours: never passed on from the client. */
const NOT_PASSED = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer"]);

/** `body`: the request's body, when it was read here already (JSON the route parsed). */
export function forwardHttp(
  req: IncomingMessage,
  res: ServerResponse,
  ownerUrl: string,
  extra: ExtraHeaders,
  ownHeader: string,
  onRefused: () => void,
  body?: Buffer,
): Promise<void> {
  return new Promise((resolve) => {
    const owner = new URL(ownerUrl);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !NOT_PASSED.has(name) && name !== ownHeader) headers[name] = value;
    }
    if (body) headers["content-length"] = String(body.byteLength);
    // A body of unknown length goes on in chunks, framed: raw, its bytes would read as a request of their own.
    else if (req.headers["transfer-encoding"]) headers["transfer-encoding"] = "chunked";
    // The path as the client sent it (checked by the caller: it starts with one "/"), on the holder's host only.
    const upstream = request({ host: owner.hostname, port: owner.port || 80, path: req.url, method: req.method, headers: { ...headers, ...extra } });
    upstream.on("response", (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      answer.on("end", resolve);
      answer.on("error", () => res.destroy());
    });
    upstream.on("error", (error) => {
      if (isRefused(error)) onRefused();
      // The holder is gone (killed, restarting): its board is taken over, here or by another instance.
      if (!res.headersSent) {
        res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1" });
        res.end(JSON.stringify({ error: "board_moving", message: "the board is moving to another server; try again in a moment" }));
      } else res.destroy();
      resolve();
    });
    // A client that leaves (a phone's event stream closed) ends the forwarded request too.
    res.on("close", () => {
      upstream.destroy();
      resolve();
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  });
}

/** Nothing listens at the holder's address: it was killed, or is stopping. */
export const isRefused = (error: Error) => (error as NodeJS.ErrnoException).code === "ECONNREFUSED";

/** `onRefused`: the holder is gone before anything was passed on; the caller answers the client. */
export function forwardUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  ownerUrl: string,
  extra: ExtraHeaders,
  ownHeader: string,
  onRefused: () => void,
): void {
  const target = new URL(ownerUrl);
  const upstream = connect(Number(target.port || (target.protocol === "https:" ? 443 : 80)), target.hostname);
  let connected = false;
  upstream.on("connect", () => {
    connected = true;
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i].toLowerCase() !== ownHeader) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    }
    for (const [name, value] of Object.entries(extra)) lines.push(`${name}: ${value}`);
    upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on("error", (error) => {
    if (connected) return socket.destroy();
    if (isRefused(error)) return onRefused();
    socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n");
  });
  upstream.on("close", () => {
    if (connected) socket.destroy();
  });
  socket.on("close", () => upstream.destroy());
  socket.on("error", () => upstream.destroy());
}
