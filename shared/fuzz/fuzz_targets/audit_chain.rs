//! The audit chain's rule against tampering: a chain built with a real HMAC verifies, and
//! any change the input picks (a byte of content, a link or a MAC flipped, a record dropped,
//! two swapped, the tail cut) is found.
#![no_main]

use hmac::{Hmac, Mac};
use libfuzzer_sys::fuzz_target;
use sha2::Sha256;
use shared::audit_chain::ChainWalk;

struct Record {
    seq: i64,
    content: Vec<u8>,
    prev: Vec<u8>,
    mac: Vec<u8>,
}

fn mac(prev: &[u8], seq: i64, content: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(b"fuzz key").expect("any key length");
    m.update(prev);
    m.update(&seq.to_be_bytes());
    m.update(content);
    m.finalize().into_bytes().to_vec()
}

fn verify(records: &[Record], head: (i64, &[u8])) -> bool {
    let mut walk = ChainWalk::new();
    for r in records {
        if walk.step(r.seq, &r.prev, &r.mac, &mac(&r.prev, r.seq, &r.content)).is_err() {
            return false;
        }
    }
    walk.finish(head.0, head.1).is_ok()
}

fuzz_target!(|data: &[u8]| {
    let Some((&op, rest)) = data.split_first() else { return };
    let Some((&at, rest)) = rest.split_first() else { return };
    let mut records = Vec::new();
    let mut prev = Vec::new();
    for (i, chunk) in rest.chunks(8).take(64).enumerate() {
        let seq = i as i64 + 1;
        let m = mac(&prev, seq, chunk);
        records.push(Record { seq, content: chunk.to_vec(), prev: prev.clone(), mac: m.clone() });
        prev = m;
    }
    let head = (records.len() as i64, prev.clone());
    assert!(verify(&records, (head.0, &head.1)), "an intact chain verifies");
    if records.is_empty() {
        return;
    }
    let i = usize::from(at) % records.len();
    match op % 6 {
        0 if !records[i].content.is_empty() => records[i].content[0] ^= 1,
        0 => records[i].content.push(0),
        1 => records[i].mac[0] ^= 1,
        2 => records[i].prev.push(0),
        3 => {
            records.remove(i);
        }
        4 if records.len() > 1 => {
            let j = (i + 1) % records.len();
            records.swap(i, j);
        }
        4 => records[i].seq += 1,
        _ => {
            records.pop();
        }
    }
    assert!(!verify(&records, (head.0, &head.1)), "a change went unnoticed");
});
