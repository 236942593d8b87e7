use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_public_route() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(res.status(), 200);
    let doc: serde_json::Value = res.json().await.unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/accounts", "post"),
        ("/accounts/me", "get"),
        ("/accounts/me/password", "put"),
        ("/sessions", "post"),
        ("/sessions/refresh", "post"),
        ("/sessions/current", "delete"),
        ("/reference", "get"),
        ("/staff/sessions", "post"),
        ("/staff/me", "get"),
        ("/petitions", "post"),
        ("/petitions", "get"),
        ("/petitions/lookup", "post"),
        ("/petitions/{number}", "get"),
        ("/petitions/{number}/withdraw", "post"),
        ("/petitions/{number}/attachments", "post"),
        ("/petitions/{number}/attachments/{id}", "get"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "missing {method} {path}"
        );
    }
    assert!(doc["components"]["schemas"]["SubmitPetitionRequest"].is_object());
}
