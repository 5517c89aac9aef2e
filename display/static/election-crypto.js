// The tablet's side of an encrypted election: a ballot encrypted to the
// election key, with its proofs, byte for byte as the hub checks it
// (voting_server/domain/encrypted; docs/encrypted-elections.md). The group is
// ristretto255 from @noble/curves; this file writes only the protocol.

import { ristretto255 } from "@noble/curves/ed25519.js";
import { sha256, sha512 } from "@noble/hashes/sha2.js";

const Point = ristretto255.Point;
export const ORDER = Point.Fn.ORDER;
const DOMAIN = new TextEncoder().encode("ordet/election/v1");
const BIT = [0, 1];

const mod = (k) => ((k % ORDER) + ORDER) % ORDER;

export function hexToBytes(hex) {
  if (!/^([0-9a-f]{2})*$/.test(hex)) throw new Error("hex digits expected");
  return Uint8Array.from(hex.match(/../g) || [], (b) => parseInt(b, 16));
}

export const bytesToHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function scalarBytes(k) {
  const out = new Uint8Array(32);
  let v = mod(BigInt(k));
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

function numberLE(bytes) {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
  return v;
}

export const scalarHex = (k) => bytesToHex(scalarBytes(k));
export const hashToScalar = (bytes) => mod(numberLE(sha512(bytes)));

// --- the group, written additively; the identity is an ordinary value ------------
const base = (k) => (mod(k) === 0n ? Point.ZERO : Point.BASE.multiply(mod(k)));
const times = (k, p) => (mod(k) === 0n || p.is0() ? Point.ZERO : p.multiply(mod(k)));
const pointBytes = (p) => p.toBytes();
export const readPoint = (hex) => Point.fromBytes(hexToBytes(hex));

// --- Fiat–Shamir transcripts: a length-framed list of parts ---------------------
function framed(bytes) {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

function encode(label, parts) {
  const chunks = [framed(DOMAIN), framed(new TextEncoder().encode(label))];
  for (const part of parts) {
    if (typeof part === "bigint" || typeof part === "number") chunks.push(framed(scalarBytes(part)));
    else if (typeof part === "string") chunks.push(framed(new TextEncoder().encode(part)));
    else if (part instanceof Point) chunks.push(framed(pointBytes(part)));
    else chunks.push(framed(part));
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const challenge = (label, ...parts) => hashToScalar(encode(label, parts));
export const digest = (label, ...parts) => sha256(encode(label, parts));

/** A uniformly random non-zero scalar from the browser's CSPRNG. */
export function randomScalar() {
  for (;;) {
    const k = hashToScalar(crypto.getRandomValues(new Uint8Array(64)));
    if (k !== 0n) return k;
  }
}

// --- ElGamal and the range proof -------------------------------------------------
function encrypt(key, message, nonce) {
  return { pad: base(nonce), data: base(BigInt(message)).add(times(nonce, key)) };
}

function branch(key, ct, value, c, v) {
  const a = base(v).subtract(times(c, ct.pad));
  const b = times(v, key).subtract(times(c, ct.data.subtract(base(BigInt(value)))));
  return [a, b];
}

function proveRange(key, ct, message, nonce, values, context, nonces) {
  const real = values.indexOf(message);
  const u = nonces();
  const challenges = values.map(() => 0n);
  const responses = values.map(() => 0n);
  const commitments = [];
  values.forEach((value, j) => {
    if (j === real) {
      commitments.push(base(u), times(u, key));
      return;
    }
    challenges[j] = nonces();
    responses[j] = nonces();
    commitments.push(...branch(key, ct, value, challenges[j], responses[j]));
  });
  const c = challenge("range", context, key, ct.pad, ct.data, values.length, ...values, ...commitments);
  challenges[real] = mod(c - challenges.reduce((s, x) => s + x, 0n));
  responses[real] = mod(u + challenges[real] * nonce);
  return { challenges, responses };
}

export function verifyRange(key, ct, proof, values, context) {
  if (proof.challenges.length !== values.length || proof.responses.length !== values.length) return false;
  const commitments = values.flatMap((value, j) => branch(key, ct, value, proof.challenges[j], proof.responses[j]));
  const c = challenge("range", context, key, ct.pad, ct.data, values.length, ...values, ...commitments);
  return mod(proof.challenges.reduce((s, x) => s + x, 0n)) === c;
}

// --- the ballot --------------------------------------------------------------------
/** { meeting, vote, key (hex), choices, limit } as the vote's view gives it. */
export function electionContext(election) {
  const { meeting, vote, key, choices, limit } = election;
  return digest("election", meeting, vote, readPoint(key), limit, choices.length, ...choices);
}

const ballotContext = (election, voter) => digest("ballot", electionContext(election), voter);

/**
 * The ballot marking the choices at the indices ``marked`` (none: blank), for
 * the voter's seat, as the wire carries it; ``nonces`` only for fixed vectors.
 */
export function encryptBallot(election, voter, marked, nonces = randomScalar) {
  if (new Set(marked).size !== marked.length || marked.length > election.limit) {
    throw new Error("at most the election's limit of choices, each once");
  }
  const key = readPoint(election.key);
  const context = ballotContext(election, voter);
  const selections = [];
  let sumNonce = 0n;
  let sum = { pad: Point.ZERO, data: Point.ZERO };
  election.choices.forEach((_, i) => {
    const bit = marked.includes(i) ? 1 : 0;
    const r = nonces();
    const ct = encrypt(key, bit, r);
    selections.push({ ct, proof: proveRange(key, ct, bit, r, BIT, context, nonces) });
    sumNonce += r;
    sum = { pad: sum.pad.add(ct.pad), data: sum.data.add(ct.data) };
  });
  const allowed = Array.from({ length: election.limit + 1 }, (_, n) => n);
  const totalProof = proveRange(key, sum, marked.length, mod(sumNonce), allowed, context, nonces);
  return {
    selections: selections.map((s) => ({ ct: [s.ct.pad, s.ct.data].map(hexOf), proof: proofWire(s.proof) })),
    total_proof: proofWire(totalProof),
  };
}

const hexOf = (p) => bytesToHex(pointBytes(p));
const proofWire = (p) => ({ c: p.challenges.map(scalarHex), v: p.responses.map(scalarHex) });

/** The ballot's tracker: the voter keeps it to find the ballot in the published record. */
export function tracker(election, voter, wire) {
  const parts = [];
  for (const s of wire.selections) parts.push(...s.ct.map(hexToBytes), ...s.proof.c.map(hexToBytes), ...s.proof.v.map(hexToBytes));
  parts.push(...wire.total_proof.c.map(hexToBytes), ...wire.total_proof.v.map(hexToBytes));
  return bytesToHex(digest("tracker", electionContext(election), voter, ...parts));
}
