#!/usr/bin/env node
// Waits until a local service really answers its own protocol, not just accepts
// TCP: a Kafka broker must return metadata listing at least one live broker, a
// MongoDB-wire server must answer `ping` with ok: 1 (FerretDB's ping also checks
// its PostgreSQL backend). Uses only Node built-ins so it runs before
// `npm install`.
//
//   node wait-ready.mjs kafka 127.0.0.1:9092 [--timeout 60] [--pid 1234]
//   node wait-ready.mjs mongo 127.0.0.1:27017 [--timeout 0]
//
// --timeout 0 makes a single attempt. --pid stops waiting as soon as that
// process has exited, so a crashed start fails at once instead of at timeout.
// Exit 0 and a one-line summary on stdout when ready; exit 1 and the last error
// on stderr otherwise.

import net from 'node:net';

const ATTEMPT_TIMEOUT_MS = 3000;
const RETRY_DELAY_MS = 250;
const CLIENT_ID = 'otklik-wait-ready';

/** Sends one request frame and resolves with the first complete response frame. */
function exchange(host, port, request, frameLength, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let received = Buffer.alloc(0);
    const fail = (error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no answer within ${timeoutMs} ms`)));
    socket.on('error', fail);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      const length = frameLength(received);
      if (length !== undefined && received.length >= length) {
        socket.destroy();
        resolve(received.subarray(0, length));
      }
    });
    socket.on('end', () => fail(new Error('connection closed before a full answer')));
  });
}

// ---------------------------------------------------------------- Kafka ----

const API_VERSIONS = 18;
const METADATA = 3;
const FIND_COORDINATOR = 10;
const DESCRIBE_GROUPS = 15;
/** A consumer group no service uses: asking about it creates and loads the group coordinator. */
const PROBE_GROUP = 'otklik-wait-ready';
// v4 is the oldest Metadata version that Kafka 4.x still serves and the newest
// without the "flexible" (tagged-field) encoding, so it stays simple to write.
const METADATA_VERSION = 4;

function kafkaRequest(apiKey, apiVersion, correlationId, body) {
  const clientId = Buffer.from(CLIENT_ID);
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(clientId.length, 8);
  const payload = Buffer.concat([header, clientId, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length, 0);
  return Buffer.concat([size, payload]);
}

const kafkaFrameLength = (buf) => (buf.length >= 4 ? 4 + buf.readInt32BE(0) : undefined);

/** A forward-only reader over a Kafka response body. */
class Reader {
  constructor(buf, offset) {
    this.buf = buf;
    this.offset = offset;
  }
  int16() {
    const value = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return value;
  }
  int32() {
    const value = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }
  string() {
    const length = this.int16();
    if (length < 0) return null;
    const value = this.buf.toString('utf8', this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

async function checkKafka(host, port, timeoutMs) {
  // ApiVersions first: every broker answers v0, and it tells whether the
  // Metadata version used below is still served.
  const versions = new Reader(await exchange(host, port, kafkaRequest(API_VERSIONS, 0, 1, Buffer.alloc(0)), kafkaFrameLength, timeoutMs), 8);
  const versionsError = versions.int16();
  if (versionsError !== 0) throw new Error(`ApiVersions error code ${versionsError}`);
  const ranges = new Map();
  for (let i = versions.int32(); i > 0; i--) {
    const [key, min, max] = [versions.int16(), versions.int16(), versions.int16()];
    ranges.set(key, [min, max]);
  }
  for (const [key, name, version] of [
    [METADATA, 'Metadata', METADATA_VERSION],
    [FIND_COORDINATOR, 'FindCoordinator', 0],
    [DESCRIBE_GROUPS, 'DescribeGroups', 0],
  ]) {
    const range = ranges.get(key);
    if (!range || version < range[0] || version > range[1]) throw new Error(`broker does not serve ${name} v${version} (range ${range})`);
  }

  // An empty topic list asks for brokers and cluster only; the broker lists
  // itself only once it is registered and unfenced, i.e. usable by clients.
  const body = Buffer.alloc(5);
  body.writeInt32BE(0, 0);
  body.writeInt8(0, 4);
  const metadata = new Reader(
    await exchange(host, port, kafkaRequest(METADATA, METADATA_VERSION, 2, body), kafkaFrameLength, timeoutMs),
    12, // size, correlation id, throttle time
  );
  const brokers = [];
  for (let i = metadata.int32(); i > 0; i--) {
    const nodeId = metadata.int32();
    const brokerHost = metadata.string();
    const brokerPort = metadata.int32();
    metadata.string(); // rack
    brokers.push(`${nodeId}@${brokerHost}:${brokerPort}`);
  }
  const clusterId = metadata.string();
  if (brokers.length === 0) throw new Error('metadata lists no live broker yet');
  await checkGroupCoordinator(host, port, timeoutMs);
  return `kafka cluster ${clusterId}, brokers ${brokers.join(' ')}, group coordinator ready`;
}

/**
 * A fresh broker creates its offsets topic on the first FindCoordinator and then loads it; a
 * consumer that joins a group meanwhile crashes ("the coordinator is loading"), and kafkajs does
 * not always resume consuming after restarting from that crash. So the broker counts as ready
 * only once the coordinator of a probe group is found and describes the group without error.
 */
async function checkGroupCoordinator(host, port, timeoutMs) {
  const group = Buffer.from(PROBE_GROUP);
  const key = Buffer.concat([Buffer.from([group.length >> 8, group.length & 0xff]), group]);
  const found = new Reader(await exchange(host, port, kafkaRequest(FIND_COORDINATOR, 0, 3, key), kafkaFrameLength, timeoutMs), 8);
  const findError = found.int16();
  if (findError !== 0) throw new Error(`group coordinator not available yet (FindCoordinator error code ${findError})`);
  const count = Buffer.alloc(4);
  count.writeInt32BE(1, 0);
  const described = new Reader(await exchange(host, port, kafkaRequest(DESCRIBE_GROUPS, 0, 4, Buffer.concat([count, key])), kafkaFrameLength, timeoutMs), 8);
  if (described.int32() !== 1) throw new Error('DescribeGroups answered no group');
  const describeError = described.int16();
  if (describeError !== 0) throw new Error(`group coordinator not ready yet (DescribeGroups error code ${describeError})`);
}

// ---------------------------------------------------------------- Mongo ----

const OP_MSG = 2013;

/** Encodes a flat BSON document of int32 and string fields. */
function bson(fields) {
  const parts = [];
  for (const [name, value] of Object.entries(fields)) {
    const key = Buffer.from(`${name}\0`);
    if (typeof value === 'number') {
      const number = Buffer.alloc(4);
      number.writeInt32LE(value, 0);
      parts.push(Buffer.from([0x10]), key, number);
    } else {
      const text = Buffer.from(`${value}\0`);
      const length = Buffer.alloc(4);
      length.writeInt32LE(text.length, 0);
      parts.push(Buffer.from([0x02]), key, length, text);
    }
  }
  const content = Buffer.concat([...parts, Buffer.from([0])]);
  const size = Buffer.alloc(4);
  size.writeInt32LE(content.length + 4, 0);
  return Buffer.concat([size, content]);
}

/** Reads the top-level fields of a BSON document that a ping reply can hold. */
function readReply(buf) {
  const fixedSizes = { 0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8 };
  const fields = {};
  const end = buf.readInt32LE(0) - 1;
  let offset = 4;
  while (offset < end) {
    const type = buf[offset];
    const nameEnd = buf.indexOf(0, offset + 1);
    const name = buf.toString('utf8', offset + 1, nameEnd);
    offset = nameEnd + 1;
    if (type === 0x01) fields[name] = buf.readDoubleLE(offset);
    else if (type === 0x10) fields[name] = buf.readInt32LE(offset);
    else if (type === 0x08) fields[name] = buf[offset] === 1 ? 1 : 0;
    else if (type === 0x02) fields[name] = buf.toString('utf8', offset + 4, offset + buf.readInt32LE(offset) + 3);
    if (type in fixedSizes) offset += fixedSizes[type];
    else if (type === 0x02) offset += 4 + buf.readInt32LE(offset);
    else if (type === 0x03 || type === 0x04) offset += buf.readInt32LE(offset);
    else if (type === 0x05) offset += 5 + buf.readInt32LE(offset);
    else break; // a type a ping reply does not use; "ok" is read already or absent
  }
  return fields;
}

async function checkMongo(host, port, timeoutMs) {
  const document = bson({ ping: 1, $db: 'admin' });
  const header = Buffer.alloc(21);
  header.writeInt32LE(21 + document.length, 0);
  header.writeInt32LE(1, 4); // request id
  header.writeInt32LE(0, 8); // response to
  header.writeInt32LE(OP_MSG, 12);
  header.writeUInt32LE(0, 16); // flags
  header.writeUInt8(0, 20); // section kind 0: the command body
  const reply = await exchange(host, port, Buffer.concat([header, document]), (buf) => (buf.length >= 4 ? buf.readInt32LE(0) : undefined), timeoutMs);
  if (reply.readInt32LE(12) !== OP_MSG) throw new Error(`unexpected reply opcode ${reply.readInt32LE(12)}`);
  const fields = readReply(reply.subarray(21));
  if (fields.ok !== 1) throw new Error(`ping failed: ${fields.errmsg ?? JSON.stringify(fields)}`);
  return 'mongo ping ok';
}

// ----------------------------------------------------------------- main ----

function parseArgs(argv) {
  const [kind, address, ...rest] = argv;
  const options = { timeout: 60, pid: undefined };
  for (let i = 0; i < rest.length; i += 2) options[rest[i].replace(/^--/, '')] = Number(rest[i + 1]);
  const separator = address?.lastIndexOf(':') ?? -1;
  if (!['kafka', 'mongo'].includes(kind) || separator < 1 || Number.isNaN(options.timeout)) {
    throw new Error('usage: wait-ready.mjs kafka|mongo HOST:PORT [--timeout SECONDS] [--pid PID]');
  }
  return { kind, host: address.slice(0, separator), port: Number(address.slice(separator + 1)), ...options };
}

function processExited(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return error.code === 'ESRCH';
  }
}

async function main() {
  const { kind, host, port, timeout, pid } = parseArgs(process.argv.slice(2));
  const check = kind === 'kafka' ? checkKafka : checkMongo;
  const deadline = Date.now() + timeout * 1000;
  for (;;) {
    try {
      console.log(await check(host, port, ATTEMPT_TIMEOUT_MS));
      return 0;
    } catch (error) {
      if (processExited(pid)) {
        console.error(`${kind}: process ${pid} exited before answering (last error: ${error.message})`);
        return 1;
      }
      if (Date.now() + RETRY_DELAY_MS > deadline) {
        console.error(`${kind}: not ready at ${host}:${port} after ${timeout}s: ${error.message}`);
        return 1;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
