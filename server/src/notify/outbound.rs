//! Where the calls that administrators configure may go (webhook subscriptions, partner
//! systems): https only in production, never to loopback, private, link-local or cloud
//! metadata addresses unless an administrator allow-listed the network
//! (`notify.outbound_allow`), and no redirects. Checked when an address is saved, and again
//! at connect time for every address a name resolves to, so a name that later points
//! inside is refused too.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use ipnet::IpNet;
use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use url::Host;

/// The destinations outbound calls may reach.
#[derive(Clone, Debug)]
pub struct Destinations {
    allow: Vec<IpNet>,
    https_only: bool,
}

impl Destinations {
    /// `allow`: networks reachable even though they are not public; `https_only`: a
    /// production portal (a demo may call plain-http stand-ins on its own machine).
    pub fn new(allow: Vec<IpNet>, https_only: bool) -> Self {
        Self { allow, https_only }
    }

    pub fn permits(&self, ip: IpAddr) -> bool {
        self.allow.iter().any(|n| n.contains(&ip)) || is_public(ip)
    }

    /// Why `url` may not be called, as the administrator is told it; `None` if it may.
    pub fn refuse(&self, url: &Url) -> Option<&'static str> {
        match url.scheme() {
            "https" => {}
            "http" if !self.https_only => {}
            _ => return Some("网址应以 https:// 开头"),
        }
        let ip = match url.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            Some(Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                if name == "localhost" || name.ends_with(".localhost") {
                    IpAddr::V4(Ipv4Addr::LOCALHOST)
                } else {
                    // Checked for every address it resolves to, when it is called.
                    return None;
                }
            }
            None => return Some("请填写完整的网址"),
        };
        (!self.permits(ip)).then_some(
            "不能向本机、内网或云平台元数据地址发送（如确需对接内网系统，请由管理员在配置 notify.outbound_allow 中列明该网段）",
        )
    }

    /// The client for these destinations: its resolver drops every address they do not
    /// permit, and it follows no redirect.
    pub fn client(self: &Arc<Self>, timeout: Duration) -> reqwest::Result<reqwest::Client> {
        reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .dns_resolver(Arc::new(Guarded(self.clone())))
            .build()
    }
}

/// A resolver that keeps only the addresses the destinations permit.
struct Guarded(Arc<Destinations>);

impl Resolve for Guarded {
    fn resolve(&self, name: Name) -> Resolving {
        let destinations = self.0.clone();
        Box::pin(async move {
            let found = tokio::net::lookup_host((name.as_str(), 0)).await?;
            let permitted: Vec<SocketAddr> =
                found.filter(|a| destinations.permits(a.ip())).collect();
            if permitted.is_empty() {
                return Err("the destination resolves to no permitted address".into());
            }
            Ok(Box::new(permitted.into_iter()) as Addrs)
        })
    }
}

/// Whether `ip` is an address of the public internet: not loopback, private, shared
/// (carrier NAT, where some clouds keep their metadata service), link-local (where others
/// do), documentation, benchmarking, multicast or reserved.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => public_v4(v4),
            None => public_v6(v6),
        },
    }
}

fn public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 198 && (18..20).contains(&b))
        || a >= 240)
}

fn public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    !(ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
        || first == 0x2001 && ip.segments()[1] == 0x0db8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(d: &Destinations, url: &str) -> bool {
        d.refuse(&Url::parse(url).unwrap()).is_some()
    }

    #[test]
    fn loopback_private_link_local_and_metadata_are_refused_unless_allowed() {
        let d = Destinations::new(Vec::new(), true);
        for url in [
            "https://127.0.0.1/hook",
            "https://localhost:8080/",
            "https://10.0.0.5/admin",
            "https://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data/",
            "https://100.100.100.200/",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://[::ffff:10.0.0.1]/",
            "http://partner.example.cn/hook",
        ] {
            assert!(refused(&d, url), "{url}");
        }
        assert!(!refused(&d, "https://partner.example.cn/hook"));
        assert!(!refused(&d, "https://1.12.0.1/hook"));
        let allowed = Destinations::new(vec!["10.0.0.0/8".parse().unwrap()], true);
        assert!(!refused(&allowed, "https://10.0.0.5/cases"));
        assert!(refused(&allowed, "https://192.168.0.5/cases"));
    }

    #[test]
    fn a_demo_portal_may_call_plain_http() {
        let d = Destinations::new(vec!["127.0.0.0/8".parse().unwrap()], false);
        assert!(!refused(&d, "http://127.0.0.1:9000/hook"));
    }
}
