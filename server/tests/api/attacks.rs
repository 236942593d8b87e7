//! The attack battery: what a scripted attacker tries against a running portal, and what
//! they get back (tokens, logins, guessing, hostile input, headers, proxies, outbound
//! addresses, errors).

mod corpora;
mod errors;
mod guessing;
mod headers;
mod logins;
mod proxy;
mod ssrf;
mod tokens;
