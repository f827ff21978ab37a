// The embedded MQTT broker (aedes) for development and single-machine installs, run as a child
// process of the server: aedes is ESM-only (the server is CommonJS, and jest cannot load it), and a
// separate process keeps broker work off the HTTP event loop. Production sets MQTT_URL instead.
// Usage: node embeddedBroker.mjs <host> <port>   (port 0 picks a free one)
// Prints one line {"port": N} on stdout when listening; exits when its parent goes away.
import { createServer } from 'node:net';
import { Aedes } from 'aedes';

const host = process.argv[2] || '127.0.0.1';
const port = Number(process.argv[3] || 1884);

const broker = await Aedes.createBroker();
const server = createServer(broker.handle);
server.on('error', (e) => {
  process.stderr.write(`embedded MQTT broker: ${e.message}\n`);
  process.exit(3);
});
server.listen(port, host, () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});

const stop = () => {
  server.close();
  broker.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent keeps our stdin open; when it dies (even by SIGKILL) stdin ends and so do we.
process.stdin.on('end', stop);
process.stdin.resume();
