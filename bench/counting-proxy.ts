/**
 * A forward proxy on 127.0.0.1 that counts the bytes it carries in from upstream, for the
 * benchmark's download figures (bench/install-pass.ts). HTTPS goes through CONNECT tunnels (the
 * encrypted bytes are counted), plain HTTP (apt) is forwarded. `GET /__bytes` answers the count
 * since the previous such request. Prints `PORT=<n>` once it listens.
 */
import http from 'node:http';
import net from 'node:net';

let bytes = 0;
const server = http.createServer((request, response) => {
  if (request.url === '/__bytes') {
    response.end(String(bytes));
    bytes = 0;
    return;
  }
  let target: URL;
  try {
    target = new URL(request.url ?? '');
  } catch {
    response.writeHead(400).end();
    return;
  }
  const upstream = http.request({ host: target.hostname, port: target.port || 80, path: `${target.pathname}${target.search}`, method: request.method, headers: request.headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.on('data', (chunk: Buffer) => (bytes += chunk.length));
    answer.pipe(response);
  });
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
});
server.on('connect', (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
  const [host, port] = (request.url ?? '').split(':');
  const upstream = net.connect(Number(port) || 443, host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.on('data', (chunk: Buffer) => (bytes += chunk.length));
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT=${(server.address() as net.AddressInfo).port}\n`);
});
