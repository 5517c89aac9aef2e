// Run by tests/encrypted/test_tablet_crypto.py: the tablet's code against the fixed vectors.
import { readFileSync } from "node:fs";
import { encryptBallot, electionContext, hashToScalar, tracker, bytesToHex } from "../../display/static/election-crypto.js";

const vectors = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url)));

function counterNonces(seed) {
  let i = 0;
  return () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(seed), 0, 0, 0, 0]);
    new DataView(bytes.buffer).setUint32(bytes.length - 4, i++);
    return hashToScalar(bytes);
  };
}

const results = vectors.ballots.map((v) => {
  const election = { meeting: v.meeting, vote: v.vote, key: vectors.key, choices: v.choices, limit: v.limit };
  const ballot = encryptBallot(election, v.voter, v.marked, counterNonces(v.nonce_seed));
  return {
    name: v.name,
    context: bytesToHex(electionContext(election)) === v.context,
    ballot: JSON.stringify(ballot) === JSON.stringify(v.ballot),
    tracker: tracker(election, v.voter, ballot) === v.tracker,
    random: encryptBallot(election, v.voter, v.marked),
  };
});
process.stdout.write(JSON.stringify(results));
