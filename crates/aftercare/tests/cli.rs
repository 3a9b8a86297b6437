//! The `aftercare` command as a user runs it: from the workspace root, facts on stdin.
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    reason = "helpers outside #[test] fail the test loudly on unexpected errors"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn aftercare(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args(args)
        .current_dir(root())
        .env_remove("AFTERCARE_POLICY")
        .env_remove("AFTERCARE_CALENDARS")
        .env_remove("AFTERCARE_CALENDAR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const EXAMPLE: &str = r#"{
  "order": {
    "placed_at": "2026-03-01T10:00:00+08:00",
    "currency": "USD",
    "lines": [{"sku": "LK-100", "unit_price": "120.00", "quantity": 2}],
    "shipping_paid": "30.00",
    "duties_paid": "0.00"
  },
  "signed_at": "2026-03-10T15:00:00+08:00",
  "damage_noted_at_signing": false,
  "request": {
    "type": "return",
    "reason": "quality_issue",
    "submitted_at": "2026-03-20T10:00:00+08:00",
    "lines": [{"sku": "LK-100", "quantity": 1}],
    "evidence": true,
    "return_costs": "40.00"
  }
}"#;

#[test]
fn calendar_add_prints_the_nth_working_day() {
    let o = aftercare(&["calendar", "add", "2026-09-30", "7"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "2026-10-15\n");
    assert_eq!(stderr(&o), "");
}

#[test]
fn calendar_add_past_the_data_warns_on_stderr_and_still_answers() {
    // 31 Dec, (1 Jan 2027 off by statute), 4 Jan, 5 Jan: 2027 has no notice yet.
    let o = aftercare(&["calendar", "add", "2026-12-30", "3"], "");
    assert!(o.status.success());
    assert_eq!(stdout(&o), "2027-01-05\n");
    assert!(
        stderr(&o).starts_with("warning: provisional: "),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("2027"));
}

#[test]
fn calendar_add_refuses_a_bad_date_with_status_2() {
    for args in [
        ["calendar", "add", "2026-02-30", "1"],
        ["calendar", "add", "2026-01-01", "-1"],
        ["calendar", "add", "yesterday", "1"],
    ] {
        let o = aftercare(&args, "");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("error"), "{}", stderr(&o));
    }
}

#[test]
fn policy_evaluate_answers_the_documented_example() {
    let o = aftercare(&["policy", "evaluate"], EXAMPLE);
    assert!(o.status.success(), "{}", stderr(&o));
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["outcome"], "return_eligible");
    assert_eq!(d["policy_version"], "2025-01");
    assert_eq!(d["clauses"][0], "III.1.quality");
    assert_eq!(d["refund"]["total"], "147.50");
    assert_eq!(d["quote"], Value::Null);
    assert_eq!(d["deadlines"], json!({"review_by": "2026-03-25"}));
    assert_eq!(d["warnings"], json!([]));
    assert!(d["reasons"].as_array().unwrap().len() >= 3);
}

#[test]
fn policy_evaluate_reports_calendar_warnings_in_json_and_on_stderr() {
    let facts = EXAMPLE
        .replace("2026-03-01T10", "2026-12-01T10")
        .replace("2026-03-10T15", "2026-12-20T15")
        .replace("2026-03-20T10", "2026-12-30T10");
    let o = aftercare(&["policy", "evaluate"], &facts);
    assert!(o.status.success(), "{}", stderr(&o));
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["deadlines"]["review_by"], "2027-01-05");
    assert!(d["warnings"][0].as_str().unwrap().contains("2027"));
    assert!(
        d["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("provisional")
    );
    assert!(stderr(&o).contains("warning: ") && stderr(&o).contains("2027"));
}

#[test]
fn policy_evaluate_without_submitted_at_uses_now() {
    let facts = EXAMPLE.replace(r#""submitted_at": "2026-03-20T10:00:00+08:00","#, "");
    let o = aftercare(
        &["policy", "evaluate", "--now", "2026-03-12T00:00:00Z"],
        &facts,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["deadlines"]["review_by"], "2026-03-17");
}

#[test]
fn policy_evaluate_refuses_bad_input_in_one_line_naming_the_field() {
    let cases = [
        (EXAMPLE.replace("quality_issue", "bored"), "request.reason"),
        (
            EXAMPLE.replace("\"120.00\"", "\"12O.00\""),
            "order.lines[0].unit_price",
        ),
        (
            EXAMPLE.replace("\"quantity\": 1", "\"quantity\": 5"),
            "request.lines[0].quantity",
        ),
        (EXAMPLE.replace("\"USD\"", "\"US\""), "order.currency"),
        (
            EXAMPLE.replace("\"evidence\": true,", "\"evidence\": \"yes\","),
            "request.evidence",
        ),
        (
            EXAMPLE.replace("\"type\": \"return\"", "\"type\": \"swap\""),
            "request.type",
        ),
        ("{\"order\": ".to_owned(), ""),
        (String::new(), ""),
        ("\u{0}\u{1}garbage".to_owned(), ""),
    ];
    for (facts, field) in cases {
        let o = aftercare(&["policy", "evaluate"], &facts);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{field}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(
            err.starts_with(&format!("error: {field}")),
            "{field}: {err}"
        );
        assert!(!err.contains("panicked"));
        assert_eq!(stdout(&o), "");
    }
}

#[test]
fn policy_check_accepts_the_shipped_policy() {
    let o = aftercare(&["policy", "check", "policies/default.toml"], "");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("policies/default.toml: ok"));
    assert!(stdout(&o).contains("version 2025-01 effective from 2025-01-01"));
}

/// A copy of the shipped policy and calendar in a temporary folder, with one edit.
fn edited_policy(from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("policies")).unwrap();
    std::fs::create_dir_all(dir.path().join("calendars")).unwrap();
    let text = std::fs::read_to_string(root().join("policies/default.toml")).unwrap();
    assert!(text.contains(from));
    let path = dir.path().join("policies/shop.toml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    std::fs::copy(
        root().join("calendars/cn-mainland.toml"),
        dir.path().join("calendars/cn-mainland.toml"),
    )
    .unwrap();
    (dir, path)
}

#[test]
fn policy_check_refuses_a_bad_file_naming_file_line_and_problem() {
    let (_dir, path) = edited_policy("return_costs = 50\n", "return_costs = 50.0\n");
    let o = aftercare(&["policy", "check", path.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!("error: {}:", path.display())),
        "{err}"
    );
    assert!(err.contains("floating-point"), "{err}");
    let line: usize = err.split(':').nth(2).unwrap().parse().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().nth(line - 1), Some("return_costs = 50.0"));
}

#[test]
fn policy_check_and_evaluate_use_the_calendars_beside_the_policy_folder() {
    let (dir, path) = edited_policy("id = \"2025-01\"", "id = \"shop-1\"");
    let o = aftercare(&["policy", "check", path.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", stderr(&o));
    let o = aftercare(
        &["policy", "evaluate", "--policy", path.to_str().unwrap()],
        EXAMPLE,
    );
    let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(d["policy_version"], "shop-1");
    std::fs::remove_file(dir.path().join("calendars/cn-mainland.toml")).unwrap();
    let o = aftercare(&["policy", "check", path.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("calendar `cn-mainland` was not found"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_policy_file_is_refused_with_status_2() {
    let o = aftercare(&["policy", "check", "policies/nope.toml"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("policies/nope.toml"));
}

#[test]
fn every_example_in_the_readme_folder_evaluates_to_its_documented_outcome() {
    let expected = [
        (
            "return-quality-issue.json",
            "return_eligible",
            Some("147.50"),
        ),
        ("return-past-window.json", "buyback_offered", None),
        (
            "transport-damage-noted-at-signing.json",
            "return_eligible",
            Some("94.00"),
        ),
        ("return-jpy.json", "return_eligible", Some("1352")),
        ("buyback.json", "buyback_quote", None),
        (
            "buyback-with-defect-in-window.json",
            "return_recommended",
            Some("129.00"),
        ),
        ("exchange.json", "exchange_negotiable", None),
        (
            "undeliverable.json",
            "refund_after_deductions",
            Some("250.00"),
        ),
        ("customs-destroyed.json", "no_refund", None),
    ];
    let on_disk = std::fs::read_dir(root().join("examples/facts"))
        .unwrap()
        .count();
    assert_eq!(
        on_disk,
        expected.len(),
        "every example has an expected outcome"
    );
    for (file, outcome, refund) in expected {
        let facts = std::fs::read_to_string(root().join("examples/facts").join(file)).unwrap();
        let o = aftercare(&["policy", "evaluate"], &facts);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
        let d: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(d["outcome"], outcome, "{file}");
        assert_eq!(d["refund"]["total"].as_str(), refund, "{file}");
    }
}

fn in_data_dir(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args(args)
        .current_dir(root())
        .env("AFTERCARE_DATA_DIR", dir)
        .env_remove("AFTERCARE_DATABASE_URL")
        .env_remove("AFTERCARE_POLICY")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn orders_import_keeps_good_rows_reports_bad_ones_by_line_and_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(root().join("examples/orders.csv")).unwrap();
    let bad_rows = "LM-1003,2026-04-05T12:00:00+08:00,omar@example.kw,Omar Ali,KWD,3.500,,card,Omar Ali,P.O. Box 1200,13001,Kuwait City,KW,+965 5555 1234,omar@example.kw,,false,LK-100,Smart lock,37.250,1\n\
LM-1004,2026-04-06T12:00:00+08:00,lena@example.de,Lena Vogel,EUR,25.00,,card,Lena Vogel,Hauptstr. 5,10115,Berlin,DE,+49 30 1234567,lena@example.de,,false,LK-100,Smart lock,110.0O,1\n\
LM-1005,2026-04-06T12:00:00+08:00,lena@example.de,Lena Vogel,EUR,25.00,,card,Lena Vogel,Hauptstr. 5,10115,Berlin,DE,+49 30 1234567,lena@example.de,,false,LK-100,Smart lock,110.00,many\n";
    let file = dir.path().join("orders.csv");
    std::fs::write(&file, format!("{good}{bad_rows}")).unwrap();
    let o = in_data_dir(dir.path(), &["orders", "import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "orders.csv:5: order LM-1003: address.street: we cannot deliver to P.O. boxes"
        ),
        "{err}"
    );
    assert!(
        err.contains("orders.csv:6: order LM-1004: lines[0].unit_price"),
        "{err}"
    );
    assert!(err.contains("orders.csv:7: quantity"), "{err}");
    assert!(
        stdout(&o).starts_with("2 orders imported, 0 already stored"),
        "{}",
        stdout(&o)
    );

    let exported = in_data_dir(dir.path(), &["orders", "export"]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let first_export = stdout(&exported);
    assert_eq!(
        first_export.lines().count(),
        4,
        "header and three order lines:\n{first_export}"
    );

    let good_file = dir.path().join("good.csv");
    std::fs::write(&good_file, &good).unwrap();
    let again = in_data_dir(
        dir.path(),
        &["orders", "import", good_file.to_str().unwrap()],
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(
        stdout(&again).starts_with("0 orders imported, 2 already stored"),
        "{}",
        stdout(&again)
    );
    assert_eq!(
        stdout(&in_data_dir(dir.path(), &["orders", "export"])),
        first_export,
        "re-importing changed nothing"
    );

    // The export is itself an import file: a fresh database gets the same orders.
    let other = tempfile::tempdir().unwrap();
    let export_file = other.path().join("export.csv");
    std::fs::write(&export_file, &first_export).unwrap();
    let o = in_data_dir(
        other.path(),
        &["orders", "import", export_file.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&in_data_dir(other.path(), &["orders", "export"])),
        first_export
    );
}

#[test]
fn migrate_creates_the_sqlite_database_in_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let o = in_data_dir(&dir.path().join("nested"), &["migrate"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "sqlite database is up to date\n");
    assert!(dir.path().join("nested/aftercare.db").exists());
}

#[test]
fn serve_answers_on_its_port_and_stops_cleanly_on_sigterm() {
    use std::io::Read as _;
    let dir = tempfile::tempdir().unwrap();
    let (mut child, address) = serve_in(dir.path());
    // A connection can be reset while the server is still starting on a loaded machine (seen
    // once in CI); a few tries tell that apart from a server that is down.
    let mut response = String::new();
    let mut errors = Vec::new();
    for _ in 0..20 {
        let attempt = (|| -> std::io::Result<String> {
            let mut stream = std::net::TcpStream::connect(&address)?;
            stream.write_all(
                b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            )?;
            let mut text = String::new();
            stream.read_to_string(&mut text)?;
            Ok(text)
        })();
        match attempt {
            Ok(text) => {
                response = text;
                break;
            }
            Err(e) => {
                errors.push(e.to_string());
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
    }
    assert!(
        response.starts_with("HTTP/1.1 200"),
        "{response} {errors:?}"
    );
    assert!(response.ends_with("ok"), "{response}");
    // The secret key was generated once and kept for the owner only.
    let key = std::fs::read_to_string(dir.path().join("secret_key")).unwrap();
    assert!(
        key.len() == 64 && key.chars().all(|c| c.is_ascii_hexdigit()),
        "{key}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join("secret_key"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
}

/// One HTTP/1.1 request over a plain socket; answers the whole response as text. A reset
/// connection is tried again a few times (a loaded machine, once seen in CI).
fn http(address: &str, request: &str) -> String {
    use std::io::Read as _;
    let mut errors = Vec::new();
    for _ in 0..20 {
        let attempt = (|| -> std::io::Result<String> {
            let mut stream = std::net::TcpStream::connect(address)?;
            stream.write_all(request.as_bytes())?;
            let mut response = String::new();
            stream.read_to_string(&mut response)?;
            Ok(response)
        })();
        match attempt {
            Ok(response) => return response,
            Err(e) => {
                errors.push(e.to_string());
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
    }
    panic!("{address} did not answer: {errors:?}");
}

#[test]
fn serve_demo_seeds_orders_and_staff_and_says_how_to_sign_in() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let mut child = serve_command(dir.path()).arg("--demo").spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let last = line.contains("sign-in link");
        printed.push(line);
        if last {
            break;
        }
    }
    let printed = printed.join("\n");
    for expected in [
        "DEMO-1001",
        "DEMO-1004: returned to sender",
        "agent: agent@demo.example",
        "finance: finance@demo.example",
        "aftercare-demo",
    ] {
        assert!(
            printed.contains(expected),
            "{expected} missing from:\n{printed}"
        );
    }
    let address = printed
        .split("http://")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let body = r#"{"email": "agent@demo.example", "password": "aftercare-demo"}"#;
    let signed_in = http(
        &address,
        &format!(
            "POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(signed_in.starts_with("HTTP/1.1 200"), "{signed_in}");
    let cookie = signed_in
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let queue = http(
        &address,
        &format!(
            "GET /api/v1/queue?kind=return HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(queue.contains("DEMO-1006"), "{queue}");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_malformed_secret_key_is_refused_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .arg("serve")
        .current_dir(root())
        .env("AFTERCARE_DATA_DIR", dir.path())
        .env("AFTERCARE_LISTEN", "127.0.0.1:0")
        .env("AFTERCARE_SECRET_KEY", "not-hex")
        .env_remove("AFTERCARE_DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("AFTERCARE_SECRET_KEY: must be 64"),
        "{}",
        stderr(&o)
    );
    assert!(
        !stderr(&o).contains("not-hex"),
        "the value is never printed"
    );
}

#[test]
fn an_admin_creates_a_staff_account_with_the_password_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let create = |email: &str, password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_aftercare"))
            .args(["admin", "create-user", "--email", email, "--name", "Li Wei"])
            .args(["--role", "agent", "--role", "finance"])
            .current_dir(root())
            .env("AFTERCARE_DATA_DIR", dir.path())
            .env_remove("AFTERCARE_DATABASE_URL")
            .env_remove("AFTERCARE_POLICY")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let ok = create("Li@Shop.example", "correct horse battery");
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(
        stdout(&ok).contains("created li@shop.example") && stdout(&ok).contains("agent, finance"),
        "{}",
        stdout(&ok)
    );
    let twice = create("li@shop.example", "correct horse battery");
    assert_eq!(twice.status.code(), Some(2));
    assert!(stderr(&twice).contains("--email: a staff account with this e-mail already exists"));
    let short = create("mo@shop.example", "short");
    assert_eq!(short.status.code(), Some(2));
    assert!(
        stderr(&short).contains("--password: must have 12"),
        "{}",
        stderr(&short)
    );
}

#[test]
fn an_admin_creates_an_api_key_shown_once_and_revokes_it() {
    let dir = tempfile::tempdir().unwrap();
    let o = in_data_dir(
        dir.path(),
        &[
            "admin",
            "create-api-key",
            "--name",
            "shop store",
            "--scope",
            "orders:write",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_owned())
            .unwrap()
    };
    assert!(
        field("key:").starts_with("ac_") && field("key:").len() > 60,
        "{out}"
    );
    assert_eq!(field("scopes:"), "orders:write");
    assert!(stderr(&o).contains("not shown again"));
    let bad = in_data_dir(
        dir.path(),
        &[
            "admin",
            "create-api-key",
            "--name",
            "x",
            "--scope",
            "orders:delete",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("--scopes: `orders:delete` is not a scope"),
        "{}",
        stderr(&bad)
    );
    let id = field("id:");
    assert!(
        in_data_dir(dir.path(), &["admin", "revoke-api-key", &id])
            .status
            .success()
    );
    let again = in_data_dir(dir.path(), &["admin", "revoke-api-key", &id]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
}

/// Logs are plain text without colour codes when stderr is not a terminal, and one JSON object
/// per line when `AFTERCARE_LOG_FORMAT=json` asks for it.
#[test]
fn serve_logs_plain_text_or_json_lines() {
    use std::io::{BufRead, BufReader};
    for format in ["text", "json"] {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_aftercare"))
            .arg("serve")
            .current_dir(root())
            .env("AFTERCARE_DATA_DIR", dir.path())
            .env("AFTERCARE_LISTEN", "127.0.0.1:0")
            .env("AFTERCARE_LOG_FORMAT", format)
            .env_remove("AFTERCARE_DATABASE_URL")
            .env_remove("AFTERCARE_LOG")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        // The first lines are the migrations' and the listener's.
        let mut serving = None;
        for _ in 0..50 {
            line.clear();
            if stderr.read_line(&mut line).unwrap() == 0 {
                break;
            }
            if line.contains("serving") {
                serving = Some(line.clone());
                break;
            }
        }
        let _ = child.kill();
        let _ = child.wait();
        let serving = serving.unwrap_or_else(|| panic!("{format}: no `serving` line"));
        assert!(
            !serving.contains('\u{1b}'),
            "{format}: colour codes in {serving:?}"
        );
        if format == "json" {
            let entry: Value = serde_json::from_str(&serving).unwrap();
            assert_eq!(entry["level"], "INFO", "{entry}");
            assert_eq!(entry["fields"]["message"], "serving", "{entry}");
            assert_eq!(entry["fields"]["database"], "sqlite", "{entry}");
        } else {
            assert!(
                serving.contains("INFO")
                    && serving.contains("serving")
                    && serving.contains("sqlite"),
                "{serving}"
            );
        }
    }
}

/// `aftercare serve` on SQLite in `dir`, on a random local port, without mail, printing to a pipe.
fn serve_command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aftercare"));
    command
        .arg("serve")
        .current_dir(root())
        .env("AFTERCARE_DATA_DIR", dir)
        .env("AFTERCARE_LISTEN", "127.0.0.1:0")
        .env_remove("AFTERCARE_DATABASE_URL")
        .env_remove("AFTERCARE_SMTP_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    command
}

/// Starts `aftercare serve` on SQLite in `dir` on a random port; answers the child and its
/// address once it listens.
fn serve_in(dir: &Path) -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    let mut child = serve_command(dir).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(
        first.starts_with("Aftercare listening on http://127.0.0.1:"),
        "{first}"
    );
    let address = first
        .split("http://")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    (child, address)
}

/// One request over a plain socket, once: the status code, or `None` when the connection failed
/// or closed before a whole answer (the server was killed).
fn status_once(address: &str, request: &str) -> Option<u16> {
    use std::io::Read as _;
    let mut stream = std::net::TcpStream::connect(address).ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    response.get(9..12)?.parse().ok()
}

#[test]
fn no_acknowledged_write_is_lost_when_the_server_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let key_out = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args([
            "admin",
            "create-api-key",
            "--name",
            "store",
            "--scope",
            "orders:write",
        ])
        .current_dir(root())
        .env("AFTERCARE_DATA_DIR", dir.path())
        .env_remove("AFTERCARE_DATABASE_URL")
        .output()
        .unwrap();
    assert!(key_out.status.success(), "{}", stderr(&key_out));
    let key = stdout(&key_out)
        .lines()
        .find_map(|l| l.strip_prefix("key: "))
        .unwrap()
        .trim()
        .to_owned();
    let (mut server, address) = serve_in(dir.path());

    // Writers push orders at once, so that SQLite's writer commits them in batches, until the
    // server is killed under them; each remembers the orders it was answered 201 for.
    let push = |number: &str| {
        let body = json!({
            "number": number, "placed_at": "2026-03-01T10:00:00+08:00",
            "customer_email": "ana@example.com", "customer_name": "Ana Lima", "currency": "USD",
            "lines": [{"sku": "LK-100", "name": "Smart lock", "unit_price": "120.00", "quantity": 1}],
            "shipping_paid": "30.00", "payment_method": "card",
            "address": {"full_name": "Ana Lima", "street": "Rua das Flores 12", "postal_code": "1200-195",
                        "city": "Lisboa", "country": "PT", "phone": "+351 912 345 678", "email": "ana@example.com"}
        })
        .to_string();
        format!(
            "POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let acknowledged = std::sync::Mutex::new(Vec::<String>::new());
    let killed = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        for writer in 0..16 {
            let (acknowledged, killed, address, push) = (&acknowledged, &killed, &address, &push);
            scope.spawn(move || {
                for i in 0.. {
                    if killed.load(std::sync::atomic::Ordering::SeqCst) {
                        break;
                    }
                    let number = format!("KILL-{writer}-{i}");
                    match status_once(address, &push(&number)) {
                        Some(201) => acknowledged.lock().unwrap().push(number),
                        Some(status) => panic!("{number}: answered {status}"),
                        None => break,
                    }
                }
            });
        }
        // Killed once a few hundred writes were answered, in the middle of the stream.
        while acknowledged.lock().unwrap().len() < 300 {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let kill = Command::new("kill")
            .args(["-KILL", &server.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        killed.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = server.wait();
    });

    let acknowledged = acknowledged.into_inner().unwrap();
    let (mut server, address) = serve_in(dir.path());
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|number| {
            let get = format!(
                "GET /api/v1/orders/{number} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nConnection: close\r\n\r\n"
            );
            http(&address, &get).get(9..12) != Some("200")
        })
        .collect();
    let _ = server.kill();
    let _ = server.wait();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged orders lost: {missing:?}",
        missing.len(),
        acknowledged.len()
    );
}
