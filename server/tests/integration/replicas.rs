//! Beyond one machine: two web replicas and a worker, each its own `portal` process, on one
//! database and one S3 bucket (a real S3-compatible server), with one shared signing key. What
//! one replica stores the other serves, and no replica keeps anything in its own data folder.

use std::time::{Duration, Instant};

use backend::testing::{demo_pack, files_in, RedisServer, S3Server};
use backend::FileStore;

use crate::applications::{fill_all, start, PDF};
use crate::support::{free_port, on_both, portal_command, Browser, FederalSim, PortalProcess};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_and_a_worker_share_one_database_one_bucket_and_one_key() {
    on_both(async |t| {
        let s3 = S3Server::start("portal").await;
        let (port_a, port_b) = (free_port(), free_port());
        let (a, b) = (format!("http://127.0.0.1:{port_a}"), format!("http://127.0.0.1:{port_b}"));
        // The balancer's address in production; here replica B's, so a login started on A ends on B.
        let sim = FederalSim::start(&b);
        let (data_a, data_b, data_worker, secrets) =
            (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let key = secrets.path().join("federation-key.json");
        let made = portal_command("create-signing-key", t, port_a, &sim, data_a.path(), &[]).arg(&key).output().unwrap();
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));

        let mut env: Vec<(&str, String)> = s3.env();
        env.extend([
            ("PORTAL_FILES__URL", "s3://portal/priozyorsky".to_owned()),
            ("PORTAL_FEDERATION__SIGNING_KEY", key.display().to_string()),
            ("PORTAL_PUBLIC_URL", b.clone()),
            ("PORTAL_WORKERS", "false".to_owned()),
        ]);
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        // `portal migrate` imports the region pack before the web replicas start (they wait for
        // it rather than race to): its blank forms go to the bucket.
        let migrated = portal_command("migrate", t, port_a, &sim, data_a.path(), &env).output().unwrap();
        assert!(migrated.status.success(), "{}", String::from_utf8_lossy(&migrated.stderr));
        let _a = PortalProcess::start(t, port_a, &sim, data_a.path(), &env).await;
        let _b = PortalProcess::start(t, port_b, &sim, data_b.path(), &env).await;
        let _worker = PortalProcess::worker(t, port_a, &sim, data_worker.path(), &env[..env.len() - 1]);

        let blank = "/files/blanks/kindergarten-enrolment/kindergarten-enrolment.odt";
        let packed = std::fs::read(demo_pack().join("blanks/kindergarten-enrolment.odt")).unwrap();
        let mut citizen = Browser::new();
        for replica in [&a, &b] {
            let (status, bytes, _) = citizen.get_bytes(&format!("{replica}{blank}")).await;
            assert_eq!((status, bytes == packed), (200, true), "{replica} serves the blank form from the bucket");
        }

        // Login starts on A and finishes on B; the form is filled and its scan uploaded on A.
        let authorize = citizen.start_login(&a, "/me").await;
        let page = citizen.get(&authorize).await;
        let back = citizen.choose_person(&page, "ivanova").await;
        assert!(back.starts_with(&b), "{back}");
        let done = citizen.get(&back).await;
        assert_eq!((done.status, done.location.as_deref()), (303, Some("/me")), "{}", done.body);
        let id = start(&mut citizen, &a).await;
        fill_all(&mut citizen, &a, &id).await;

        // B shows the file A stored, and takes the submission.
        let review = citizen.get(&format!("{b}/applications/{id}/review")).await;
        let file_id = review.body.split(&format!("/applications/{id}/files/")).nth(1).unwrap().split('"').next().unwrap().to_owned();
        let (status, bytes, _) = citizen.get_bytes(&format!("{b}/applications/{id}/files/{file_id}")).await;
        assert_eq!((status, bytes.as_slice()), (200, PDF));
        let sent = citizen.post(&format!("{b}/applications/{id}/submit"), &[]).await;
        assert_eq!(sent.location.as_deref(), Some(format!("/applications/{id}?submitted=1").as_str()), "{}", sent.body);

        // The worker delivers the registration, signed with the key both replicas publish.
        let start_wait = Instant::now();
        while sim.federation().await["records"].as_array().map_or(0, Vec::len) < 1 {
            assert!(start_wait.elapsed() < Duration::from_secs(60), "the worker did not deliver: {}", sim.federation().await);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let jwks_a = reqwest::get(format!("{a}/.well-known/jwks.json")).await.unwrap().text().await.unwrap();
        let jwks_b = reqwest::get(format!("{b}/.well-known/jwks.json")).await.unwrap().text().await.unwrap();
        assert_eq!(jwks_a, jwks_b);

        // Everything went to the bucket, under the installation's prefix; nothing to a data folder.
        let bucket = FileStore::s3(s3.builder(), "portal", "").unwrap();
        let keys = bucket.keys().await.unwrap();
        assert!(keys.iter().all(|k| k.starts_with("priozyorsky/")), "{keys:?}");
        assert!(keys.len() > 2, "blank forms, the coat of arms and the scan: {keys:?}");
        for data in [&data_a, &data_b, &data_worker] {
            assert_eq!(files_in(data.path()), Vec::<std::path::PathBuf>::new(), "a replica keeps nothing of its own");
        }
    })
    .await;
}

/// `GET /auth/login` on `replica` as client `ip` (the proxy's `X-Forwarded-For`): its status.
async fn login_start(replica: &str, ip: &str) -> u16 {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    http.get(format!("{replica}/auth/login?next=/me")).header("x-forwarded-for", ip).send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_share_rate_limits_through_redis_and_count_alone_while_it_is_down() {
    on_both(async |t| {
        let mut redis = RedisServer::start().await;
        let (port_a, port_b) = (free_port(), free_port());
        let (a, b) = (format!("http://127.0.0.1:{port_a}"), format!("http://127.0.0.1:{port_b}"));
        let sim = FederalSim::start(&a);
        let (data_a, data_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let env = [
            ("PORTAL_REDIS_URL", redis.url.as_str()),
            ("PORTAL_RATE_LIMIT__LOGINS_PER_MINUTE", "4"),
            ("PORTAL_BEHIND_PROXY", "true"),
            ("PORTAL_PUBLIC_URL", a.as_str()),
        ];
        let _a = PortalProcess::start(t, port_a, &sim, data_a.path(), &env).await;
        let _b = PortalProcess::start(t, port_b, &sim, data_b.path(), &env).await;

        // One budget of four logins a minute for a client, wherever the balancer sends it.
        let shared: Vec<u16> = futures_util::future::join_all([&a, &b, &a, &b, &a, &b].map(|r| login_start(r, "203.0.113.1"))).await;
        assert_eq!(shared.iter().filter(|s| **s == 303).count(), 4, "{shared:?}");
        assert_eq!(shared.iter().filter(|s| **s == 429).count(), 2, "{shared:?}");
        assert_eq!(login_start(&a, "203.0.113.9").await, 303, "another client has its own budget");

        // Redis down: nobody is turned away for it, and each replica still counts on its own.
        redis.stop();
        let mut alone = Vec::new();
        for _ in 0..5 {
            alone.push(login_start(&a, "203.0.113.2").await);
        }
        assert_eq!(alone, [303, 303, 303, 303, 429], "replica A counts alone");
        assert_eq!(login_start(&b, "203.0.113.2").await, 303, "and so does B");

        // Redis back: the replicas reconnect and share again (a fresh client each try, as the
        // first answers may still be counted alone).
        redis.restart().await;
        let start = Instant::now();
        for n in 10.. {
            let ip = format!("203.0.113.{n}");
            let mut tried = Vec::new();
            for replica in [&a, &b, &a, &b, &a] {
                tried.push(login_start(replica, &ip).await);
            }
            if tried == [303, 303, 303, 303, 429] {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "no reconnection to Redis: {tried:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await;
}
