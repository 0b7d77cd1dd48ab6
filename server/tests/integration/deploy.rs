//! The deployment files (deploy/) stay in step with the portal: every `PORTAL_*` setting they
//! give is one the portal reads, as docs/configuration.md lists them, so renaming a key cannot
//! leave Compose or Kubernetes silently configuring nothing.

use std::path::Path;

use backend::testing::files_in;

#[test]
fn the_deployment_files_name_only_settings_the_portal_reads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let documented = std::fs::read_to_string(root.join("docs/configuration.md")).unwrap();
    let mut seen = 0;
    for file in files_in(&root.join("deploy")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("PORTAL_") {
            let name: String = text[at..].chars().take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_').collect();
            assert!(documented.contains(&format!("`{name}`")), "{}: {name} is no setting of docs/configuration.md", file.display());
            seen += 1;
        }
    }
    assert!(seen > 30, "the deployment files were read: {seen} settings");
}
