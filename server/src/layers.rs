//! The module graph has no circles: a test reads the sources and fails when modules
//! import each other round in a loop (a module's own children and ancestors aside).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of the crate by path (`services::workflow::steps`), with its source.
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder") {
            let path = entry.expect("source entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(&root)
                .expect("under src")
                .with_extension("");
            let name = rel.to_string_lossy().replace('/', "::");
            if path.extension().is_some_and(|e| e == "rs") && name != "lib" && name != "main" {
                let text = std::fs::read_to_string(&path).expect("source readable");
                // Tests may reach anywhere.
                let text = match text.find("#[cfg(test)]\nmod tests") {
                    Some(at) => text[..at].to_owned(),
                    None => text,
                };
                out.insert(name, text);
            }
        }
    }
    out
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.to_owned()];
    };
    let mut depth = 0;
    let mut close = tree.len();
    let mut parts = Vec::new();
    let mut start = open + 1;
    for (i, c) in tree.char_indices().skip(open) {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    parts.push(&tree[start..i]);
                    close = i;
                    break;
                }
            }
            ',' if depth == 1 => {
                parts.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    let (head, tail) = (&tree[..open], &tree[(close + 1).min(tree.len())..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(&format!("{head}{p}{tail}")))
        .collect()
}

/// The modules `name` names through `crate::` and `super::` paths.
fn imports(name: &str, text: &str, known: &BTreeMap<String, String>) -> BTreeSet<String> {
    // Comments and strings would only add noise; code has no `//` inside paths.
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths = Vec::new();
    for statement in code.split(';') {
        let words: Vec<&str> = statement.split_whitespace().collect();
        if let Some(at) = words.iter().position(|w| *w == "use") {
            let tree = words[at + 1..].join(" ");
            if tree.starts_with("crate::") || tree.starts_with("super::") {
                paths.extend(expand(&tree));
            }
        }
        let compact = words.join(" ");
        for prefix in ["crate::", "super::"] {
            for (at, _) in compact.match_indices(prefix) {
                let path: String = compact[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                paths.push(path);
            }
        }
    }
    let here: Vec<&str> = name.split("::").collect();
    let mut out = BTreeSet::new();
    for path in paths {
        let path: String = path
            .split(" as ")
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .collect();
        let path = path.as_str();
        let mut segments: Vec<&str> = match path.strip_prefix("crate::") {
            Some(rest) => rest.split("::").collect(),
            None => {
                let mut at = here.clone();
                let mut rest = path;
                while let Some(r) = rest.strip_prefix("super::") {
                    at.pop();
                    rest = r;
                }
                at.extend(rest.split("::"));
                at
            }
        };
        while !segments.is_empty() {
            let candidate = segments.join("::");
            if known.contains_key(&candidate) {
                // A module's own ancestors and descendants are not arrows between layers.
                let related = name.starts_with(&format!("{candidate}::"))
                    || candidate.starts_with(&format!("{name}::"))
                    || candidate == name;
                if !related {
                    out.insert(candidate);
                }
                break;
            }
            segments.pop();
        }
    }
    out
}

/// Groups of modules that reach each other (Tarjan's strongly connected components).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(w: &mut Walk<'g>, v: &'g str) {
        let n = w.index.len();
        w.index.insert(v, n);
        w.low.insert(v, n);
        w.stack.push(v);
        for t in w.graph.get(v).into_iter().flatten() {
            if !w.index.contains_key(t.as_str()) {
                visit(w, t);
                let low = w.low[t.as_str()].min(w.low[v]);
                w.low.insert(v, low);
            } else if w.stack.contains(&t.as_str()) {
                let low = w.index[t.as_str()].min(w.low[v]);
                w.low.insert(v, low);
            }
        }
        if w.low[v] == w.index[v] {
            let mut group = Vec::new();
            while let Some(t) = w.stack.pop() {
                group.push(t.to_owned());
                if t == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                w.found.push(group);
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !walk.index.contains_key(v.as_str()) {
            visit(&mut walk, v);
        }
    }
    walk.found
}

#[test]
fn no_two_modules_import_each_other_round_in_a_circle() {
    let known = modules();
    assert!(
        known.contains_key("services::workflow::steps"),
        "sources found"
    );
    let graph: BTreeMap<String, BTreeSet<String>> = known
        .iter()
        .map(|(name, text)| (name.clone(), imports(name, text, &known)))
        .collect();
    assert!(
        graph["services::workflow::act"].contains("services::workflow::reach"),
        "imports are read: {:?}",
        graph.get("services::workflow::act")
    );
    let found = circles(&graph);
    assert!(found.is_empty(), "modules in a circle: {found:?}");
}

#[test]
fn a_circle_is_found() {
    let graph = BTreeMap::from([
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
        ("d".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]);
    assert_eq!(circles(&graph), vec![vec!["a", "b", "c"]]);
}
