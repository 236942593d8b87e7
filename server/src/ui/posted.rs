//! Forms posted without JavaScript: the page a form came from loses the refusal an earlier
//! post left in its address, so the one the server adds now is the only one there.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{HeaderValue, REFERER};
use actix_web::middleware::Next;

/// The server functions' prefix (`app`'s `#[server(prefix = "/ui")]`).
const SERVER_FNS: &str = "/ui/";

/// Takes an earlier refusal (`__path`, `__err`) out of a form post's `Referer`. The
/// framework appends the new refusal to that address: a second refused post used to carry
/// both, and the page read the first, so the person saw the old message and not the new.
pub async fn one_refusal_in_address(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.method() == Method::POST && req.path().starts_with(SERVER_FNS) {
        let clean = req
            .headers()
            .get(REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(without_refusal)
            .and_then(|s| HeaderValue::from_str(&s).ok());
        if let Some(clean) = clean {
            req.headers_mut().insert(REFERER, clean);
        }
    }
    next.call(req).await
}

/// `address` without the pairs of an earlier refusal, or `None` when it holds none.
fn without_refusal(address: &str) -> Option<String> {
    let mut url = url::Url::parse(address).ok()?;
    let refusal = |k: &str| k == "__path" || k == "__err";
    if !url.query_pairs().any(|(k, _)| refusal(&k)) {
        return None;
    }
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !refusal(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    Some(url.into())
}

#[cfg(test)]
mod tests {
    use super::without_refusal;

    #[test]
    fn an_earlier_refusal_leaves_the_address_and_its_other_pairs_stay() {
        assert_eq!(
            without_refusal("https://x.cn/file?__path=%2Fui%2Fa&__err=QQ").as_deref(),
            Some("https://x.cn/file")
        );
        assert_eq!(
            without_refusal("https://x.cn/staff?unit=3&__path=p&__err=e&__path=q&__err=f")
                .as_deref(),
            Some("https://x.cn/staff?unit=3")
        );
        assert_eq!(without_refusal("https://x.cn/staff?unit=3"), None);
        assert_eq!(without_refusal("not an address"), None);
    }
}
