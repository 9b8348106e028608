//! Where the server's work runs: a fixed set of threads in two lanes, so a cheap request
//! never waits behind an expensive one and the number of threads never grows with the
//! number of documents or requests.
//!
//! - The **small** lane serves work on documents of up to [`SMALL_DOCUMENT`] bytes (and
//!   work on no document); the **large** lane, work on larger ones. A hover on a one-line
//!   note never queues behind a check of a 5 MB file.
//! - In each lane, requests go before background work (diagnostics): a request waits at
//!   most for the jobs already running in its lane.
//! - Each lane has [`THREADS`] threads, started when first needed and kept.
//! - Requests queue up to [`MAX_QUEUED`] per lane; the stdin reader waits when a lane is
//!   full ([`Lanes::submit_waiting`]), which stops it reading, which holds the client back.

use std::collections::VecDeque;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Condvar, Mutex, OnceLock};

/// The largest document the small lane serves, in bytes.
pub const SMALL_DOCUMENT: usize = 256 * 1024;
/// Threads per lane.
pub const THREADS: usize = 2;
/// Requests a lane holds before the reader waits.
pub const MAX_QUEUED: usize = 256;

/// Which lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lane {
    Small,
    Large,
}

impl Lane {
    /// The lane for work on a document of this many bytes.
    pub fn for_size(bytes: usize) -> Lane {
        if bytes <= SMALL_DOCUMENT {
            Lane::Small
        } else {
            Lane::Large
        }
    }
}

/// Requests first, then background work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    Request,
    Background,
}

type Job = Box<dyn FnOnce() + Send + 'static>;

#[derive(Default)]
struct Queues {
    requests: VecDeque<Job>,
    background: VecDeque<Job>,
}

#[derive(Default)]
struct Queue {
    jobs: Mutex<Queues>,
    work: Condvar,
    space: Condvar,
    started: OnceLock<()>,
}

/// The two lanes.
#[derive(Default)]
pub struct Lanes {
    small: Arc<Queue>,
    large: Arc<Queue>,
}

impl Lanes {
    fn queue(&self, lane: Lane) -> &Arc<Queue> {
        let q = match lane {
            Lane::Small => &self.small,
            Lane::Large => &self.large,
        };
        q.started.get_or_init(|| {
            for i in 0..THREADS {
                let q = q.clone();
                let name = match lane {
                    Lane::Small => format!("copydesk-small-{i}"),
                    Lane::Large => format!("copydesk-large-{i}"),
                };
                std::thread::Builder::new()
                    .name(name)
                    .spawn(move || serve(q))
                    .expect("a lane thread");
            }
        });
        q
    }

    /// Queue a job (never waits).
    pub fn submit(&self, lane: Lane, priority: Priority, job: impl FnOnce() + Send + 'static) {
        let q = self.queue(lane);
        let mut jobs = q.jobs.lock().unwrap_or_else(|e| e.into_inner());
        match priority {
            Priority::Request => jobs.requests.push_back(Box::new(job)),
            Priority::Background => jobs.background.push_back(Box::new(job)),
        }
        q.work.notify_one();
    }

    /// Queue a request, first waiting while the lane holds [`MAX_QUEUED`] requests (for
    /// the stdin reader: not to be called on the async runtime).
    pub fn submit_waiting(&self, lane: Lane, job: impl FnOnce() + Send + 'static) {
        let q = self.queue(lane);
        let mut jobs = q.jobs.lock().unwrap_or_else(|e| e.into_inner());
        while jobs.requests.len() >= MAX_QUEUED {
            jobs = q.space.wait(jobs).unwrap_or_else(|e| e.into_inner());
        }
        jobs.requests.push_back(Box::new(job));
        q.work.notify_one();
    }

    /// Run `f` in a lane and wait for it (from async code); `None` if it panicked.
    pub async fn run<T: Send + 'static>(
        &self,
        lane: Lane,
        priority: Priority,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.submit(lane, priority, move || {
            let _ = tx.send(f());
        });
        rx.await.ok()
    }

    /// Jobs waiting (not running) in a lane.
    pub fn queued(&self, lane: Lane) -> usize {
        let q = match lane {
            Lane::Small => &self.small,
            Lane::Large => &self.large,
        };
        let jobs = q.jobs.lock().unwrap_or_else(|e| e.into_inner());
        jobs.requests.len() + jobs.background.len()
    }
}

fn serve(q: Arc<Queue>) {
    loop {
        let job = {
            let mut jobs = q.jobs.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(j) = jobs.requests.pop_front() {
                    q.space.notify_one();
                    break j;
                }
                if let Some(j) = jobs.background.pop_front() {
                    break j;
                }
                jobs = q.work.wait(jobs).unwrap_or_else(|e| e.into_inner());
            }
        };
        // A job answers its own panics; this only keeps the thread.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::Duration;

    #[test]
    fn requests_go_before_background_work_and_lanes_do_not_wait_for_each_other() {
        let lanes = Lanes::default();
        let (gate_tx, gate_rx) = channel::<()>();
        let gate = Arc::new(Mutex::new(gate_rx));
        // Hold both large threads.
        for _ in 0..THREADS {
            let g = gate.clone();
            lanes.submit(Lane::Large, Priority::Request, move || {
                let _ = g.lock().unwrap().recv();
            });
        }
        // The small lane still serves.
        let (tx, rx) = channel();
        lanes.submit(Lane::Small, Priority::Request, move || tx.send(1).unwrap());
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)), Ok(1));
        // Queued behind the held threads: background first in, request first out.
        let (tx, rx) = channel();
        let t = tx.clone();
        lanes.submit(Lane::Large, Priority::Background, move || {
            t.send("background").unwrap()
        });
        lanes.submit(Lane::Large, Priority::Request, move || {
            tx.send("request").unwrap()
        });
        assert!(lanes.queued(Lane::Large) >= 2);
        gate_tx.send(()).unwrap();
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)), Ok("request"));
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)), Ok("background"));
        drop(gate_tx);
    }

    #[test]
    fn a_panicking_job_keeps_its_thread() {
        let lanes = Lanes::default();
        for _ in 0..THREADS + 1 {
            lanes.submit(Lane::Small, Priority::Request, || {
                panic!("a job that panics")
            });
        }
        let (tx, rx) = channel();
        lanes.submit(Lane::Small, Priority::Request, move || tx.send(()).unwrap());
        assert!(rx.recv_timeout(Duration::from_secs(5)).is_ok());
    }

    #[test]
    fn lane_by_size() {
        assert_eq!(Lane::for_size(10), Lane::Small);
        assert_eq!(Lane::for_size(SMALL_DOCUMENT + 1), Lane::Large);
    }
}
