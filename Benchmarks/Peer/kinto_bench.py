#!/usr/bin/env python3
"""Peer benchmark: push and pull Lantian-shaped events through Kinto.

Run with the Python of the venv made by setup.sh, e.g.

    /tmp/lantian-bench-venv/bin/python kinto_bench.py --backend memory \
        --records 20000 --record-bytes 320 --runs 3

Each run starts a fresh Kinto server (and, for --backend postgresql, a fresh
PostgreSQL cluster under /tmp, run as the `postgres` OS user), pushes N
records through Kinto's batch endpoint, then pulls them all back with a fresh
client using `_since` paging, and stops everything again.

Progress goes to stderr; one line of JSON goes to stdout at the end.
"""

import argparse
import hashlib
import json
import logging
import os
import pwd
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from importlib import metadata
from pathlib import Path

import requests

BUCKET = "lantian"
COLLECTION = "events"
AUTH = ("lantian", "bench")
PG_BIN_DEFAULT = "/usr/lib/postgresql/15/bin"
# A brand-new database has no planner statistics, and until autovacuum first
# ANALYZEs `objects` (autovacuum_naptime is 60 s by default) PostgreSQL looks
# records up by scanning the collection's last_modified index instead of the
# primary key, so every push slows down as the collection grows (measured:
# 104 rec/s for 20k records vs 155 rec/s for 6k). A long-running Kinto has
# statistics; waking autovacuum every second gets a fresh cluster there
# within the first batch. Durability settings are left at their defaults.
PG_BASE_CONF = ["autovacuum_naptime=1"]


class BenchError(Exception):
    """A failure with a message meant for the person running the benchmark."""


def log(msg):
    print(f"[kinto-bench] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path, lines=30):
    try:
        with open(path, "r", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return "(no log)"


# --------------------------------------------------------------------------
# Records


def make_records(n, record_bytes, seed=20240601):
    """N Lantian-shaped events as (id, data) pairs; the compact JSON of each
    data object is padded (via payload.note) to about record_bytes bytes."""
    rng = random.Random(seed)
    devices = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(4)]
    base_ms = 1_700_000_000_000
    out = []
    smallest = None
    for i in range(n):
        device = devices[i % len(devices)]
        cseq = i // len(devices) + 1
        ms = base_ms + i * 37
        rec = {
            "device": device,
            "cseq": cseq,
            "actor": "officer.zhang",
            "hlc": (ms << 16) | (i & 0xFFFF),
            "recordedAt": ms,
            "subject": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "type": "fire.reported",
            "schema": 1,
            "previous": hashlib.sha256(f"{device}:{cseq - 1}".encode()).hexdigest(),
            "payload": {
                "location": {"latitude": 36.4, "longitude": 115.9},
                "node": "371502001001",
                "observedAt": 1_700_000_000_000,
                "note": "",
                "source": "patrol",
            },
        }
        size = len(json.dumps(rec, separators=(",", ":")))
        smallest = size if smallest is None else min(smallest, size)
        pad = max(0, record_bytes - size)
        rec["payload"]["note"] = ("fire near the north gate " * (pad // 25 + 1))[:pad]
        rid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        out.append((rid, rec))
    sizes = [len(json.dumps(r, separators=(",", ":"))) for _, r in out]
    mean = sum(sizes) / len(sizes)
    if smallest is not None and smallest > record_bytes:
        log(f"note: unpadded record is {smallest} bytes, larger than --record-bytes {record_bytes}")
    return out, mean


# --------------------------------------------------------------------------
# PostgreSQL: a throw-away cluster under /tmp, owned by the postgres user


class PostgresCluster:
    def __init__(self, pg_bin, conf=()):
        self.pg_bin = Path(pg_bin)
        self.conf = list(conf)
        self.dir = None
        self.data = None
        self.port = None
        self.started = False
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            raise BenchError("no `postgres` OS user: run setup.sh (apt-get install postgresql)")
        self.uid, self.gid = pw.pw_uid, pw.pw_gid
        for tool in ("initdb", "pg_ctl", "postgres", "createdb"):
            if not (self.pg_bin / tool).exists():
                raise BenchError(f"{self.pg_bin / tool} not found: run setup.sh or pass --pg-bin")

    def _as_postgres(self, args, **kw):
        cmd = ["runuser", "-u", "postgres", "--"] + [str(a) for a in args]
        res = subprocess.run(cmd, cwd=self.dir, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, **kw)
        if res.returncode != 0:
            raise BenchError(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stdout}")
        return res.stdout

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="lantian-kinto-pg-")
        os.chown(self.dir, self.uid, self.gid)
        os.chmod(self.dir, 0o700)
        self.data = os.path.join(self.dir, "data")
        # -N only skips initdb's own final sync of the new files; the server
        # itself runs with PostgreSQL's defaults (fsync=on, synchronous_commit=on).
        self._as_postgres([self.pg_bin / "initdb", "-D", self.data, "-U", "postgres",
                           "--auth=trust", "-E", "UTF8", "--locale=C", "-N"])
        last = None
        for _ in range(5):
            self.port = free_port()
            opts = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                    f"-c unix_socket_directories={self.dir}")
            for kv in self.conf:
                opts += f" -c {kv}"
            try:
                self._as_postgres([self.pg_bin / "pg_ctl", "-D", self.data,
                                   "-l", os.path.join(self.dir, "postgres.log"),
                                   "-o", opts, "-w", "-t", "120", "start"])
                self.started = True
                break
            except BenchError as e:
                last = e
                self.started = os.path.exists(os.path.join(self.data, "postmaster.pid"))
                if self.started:
                    break
        if not self.started:
            raise BenchError(f"PostgreSQL did not start: {last}\n"
                             f"{tail(os.path.join(self.dir, 'postgres.log'))}")
        self._as_postgres([self.pg_bin / "createdb", "-h", "127.0.0.1", "-p", self.port,
                           "-U", "postgres", "kinto"])

    @property
    def url(self):
        return f"postgresql://postgres@127.0.0.1:{self.port}/kinto"

    def describe(self):
        import psycopg2  # shipped with kinto[postgresql]
        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="kinto")
        try:
            cur = conn.cursor()
            names = ("server_version", "fsync", "synchronous_commit", "full_page_writes",
                     "shared_buffers", "autovacuum_naptime")
            cur.execute("SELECT " + ", ".join(f"current_setting('{n}')" for n in names))
            values = cur.fetchone()
        finally:
            conn.close()
        out = dict(zip(names, values))
        out["version"] = out.pop("server_version")
        out["conf"] = list(self.conf)
        return out

    def stop(self):
        if self.started:
            try:
                self._as_postgres([self.pg_bin / "pg_ctl", "-D", self.data, "-m", "fast",
                                   "-w", "-t", "60", "stop"])
            except BenchError as e:
                log(f"pg_ctl stop failed, killing postmaster: {e}")
                self._kill_postmaster()
            self.started = False
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def _kill_postmaster(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                pid = int(f.readline().strip())
            os.kill(pid, signal.SIGQUIT)
            for _ in range(100):
                os.kill(pid, 0)
                time.sleep(0.1)
            os.kill(pid, signal.SIGKILL)
        except (OSError, ValueError):
            pass


# --------------------------------------------------------------------------
# Kinto server


INI_TEMPLATE = """\
[server:main]
use = egg:waitress#main
host = 127.0.0.1
port = %(http_port)s
threads = {threads}

[app:main]
use = egg:kinto
kinto.includes =
kinto.userid_hmac_secret = {secret}
multiauth.policies = basicauth
kinto.bucket_create_principals = system.Authenticated
kinto.explicit_permissions = {explicit}
kinto.batch_max_requests = {batch}
kinto.paginate_by = {paginate_by}
kinto.storage_backend = {storage_backend}
kinto.storage_url = {url}
kinto.cache_backend = {cache_backend}
kinto.cache_url = {url}
kinto.permission_backend = {permission_backend}
kinto.permission_url = {url}

[loggers]
keys = root, kinto

[handlers]
keys = console

[formatters]
keys = plain

[logger_root]
level = WARNING
handlers = console

[logger_kinto]
level = WARNING
handlers = console
qualname = kinto
propagate = 0

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = plain

[formatter_plain]
format = %%(asctime)s %%(levelname)s [%%(name)s] %%(message)s
"""


class KintoServer:
    def __init__(self, backend, pg_url, batch, paginate_by, threads, explicit):
        self.backend = backend
        self.explicit = explicit
        self.pg_url = pg_url
        self.batch = batch
        self.paginate_by = paginate_by
        self.threads = threads
        self.dir = None
        self.proc = None
        self.logf = None
        self.port = None
        self.kinto = str(Path(sys.executable).parent / "kinto")
        if not os.path.exists(self.kinto):
            raise BenchError(f"{self.kinto} not found: run with the venv's python (see setup.sh)")

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/v1"

    def _write_ini(self):
        if self.backend == "memory":
            kw = dict(storage_backend="kinto.core.storage.memory",
                      cache_backend="kinto.core.cache.memory",
                      permission_backend="kinto.core.permission.memory", url="")
        else:
            kw = dict(storage_backend="kinto.core.storage.postgresql",
                      cache_backend="kinto.core.cache.postgresql",
                      permission_backend="kinto.core.permission.postgresql", url=self.pg_url)
        ini = os.path.join(self.dir, "kinto.ini")
        with open(ini, "w") as f:
            f.write(INI_TEMPLATE.format(threads=self.threads, secret=uuid.uuid4().hex,
                                        batch=self.batch, paginate_by=self.paginate_by,
                                        explicit="true" if self.explicit else "false", **kw))
        return ini

    def start(self):
        self.dir = tempfile.mkdtemp(prefix="lantian-kinto-")
        ini = self._write_ini()
        logpath = os.path.join(self.dir, "kinto.log")
        if self.backend == "postgresql":
            res = subprocess.run([self.kinto, "migrate", "--ini", ini], cwd=self.dir,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if res.returncode != 0:
                raise BenchError(f"kinto migrate failed ({res.returncode}):\n{res.stdout[-3000:]}")
        for attempt in range(5):
            self.port = free_port()
            self.logf = open(logpath, "a")
            # Own session: a Ctrl-C at the terminal reaches only this script,
            # which then stops the server itself in its finally block.
            self.proc = subprocess.Popen([self.kinto, "start", "--ini", ini, "--port", str(self.port)],
                                         cwd=self.dir, stdin=subprocess.DEVNULL, stdout=self.logf,
                                         stderr=subprocess.STDOUT, start_new_session=True)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break
                try:
                    r = requests.get(self.url + "/", timeout=2)
                    if r.status_code == 200:
                        return r.json()
                except requests.RequestException:
                    pass
                time.sleep(0.1)
            rc = self.proc.poll()
            self._kill()
            if rc is None:
                raise BenchError(f"Kinto did not answer on {self.url} within 90 s:\n{tail(logpath)}")
            log(f"kinto start exited ({rc}) on port {self.port}, retrying")
        raise BenchError(f"Kinto would not start:\n{tail(logpath)}")

    def _kill(self):
        if self.proc is not None:
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
                try:
                    self.proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    try:
                        os.killpg(self.proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    self.proc.wait(timeout=15)
            self.proc = None
        if self.logf is not None:
            self.logf.close()
            self.logf = None

    def stop(self):
        self._kill()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


# --------------------------------------------------------------------------
# Push / pull


def push_kinto_http(url, records):
    import kinto_http
    client = kinto_http.Client(server_url=url, auth=AUTH, bucket=BUCKET,
                               collection=COLLECTION, timeout=600)
    t0 = time.perf_counter()
    with client.batch() as batch:
        for rid, data in records:
            batch.create_record(id=rid, data=data)
    return time.perf_counter() - t0


def push_raw(url, records, batch_size):
    path = f"/buckets/{BUCKET}/collections/{COLLECTION}/records/"
    with requests.Session() as s:
        s.auth = AUTH
        t0 = time.perf_counter()
        for start in range(0, len(records), batch_size):
            chunk = records[start:start + batch_size]
            body = {
                "defaults": {"method": "PUT", "headers": {"If-None-Match": "*"}},
                "requests": [{"path": path + rid, "body": {"data": data}} for rid, data in chunk],
            }
            r = s.post(url + "/batch", json=body, timeout=600)
            if r.status_code != 200:
                raise BenchError(f"POST /batch answered {r.status_code}: {r.text[:500]}")
            bad = [x for x in r.json()["responses"] if x["status"] != 201]
            if bad:
                raise BenchError(f"{len(bad)} batch sub-requests failed, first: {bad[0]}")
        return time.perf_counter() - t0


def pull_kinto_http(url):
    import kinto_http
    client = kinto_http.Client(server_url=url, auth=AUTH, bucket=BUCKET,
                               collection=COLLECTION, timeout=600)
    t0 = time.perf_counter()
    got = client.get_records(_since="0", _sort="last_modified")
    return time.perf_counter() - t0, got


def pull_raw(url):
    got = []
    with requests.Session() as s:
        s.auth = AUTH
        t0 = time.perf_counter()
        next_url = (f"{url}/buckets/{BUCKET}/collections/{COLLECTION}/records"
                    f"?_since=0&_sort=last_modified")
        while next_url:
            r = s.get(next_url, timeout=600)
            if r.status_code != 200:
                raise BenchError(f"GET records answered {r.status_code}: {r.text[:500]}")
            got.extend(r.json()["data"])
            next_url = r.headers.get("Next-Page")
        return time.perf_counter() - t0, got


def one_run(args, records, run_no, info):
    pg = None
    server = None
    try:
        if args.backend == "postgresql":
            pg = PostgresCluster(args.pg_bin, PG_BASE_CONF + args.pg_conf)
            pg.start()
            info["postgres"] = pg.describe()
        server = KintoServer(args.backend, pg.url if pg else None, args.batch_max_requests,
                             args.paginate_by, args.threads, args.explicit_permissions)
        root = server.start()
        settings = root.get("settings", {})
        if int(settings.get("batch_max_requests", -1)) != args.batch_max_requests:
            raise BenchError(f"server reports batch_max_requests={settings.get('batch_max_requests')}")
        info["kintoServerVersion"] = root.get("project_version")

        import kinto_http
        admin = kinto_http.Client(server_url=server.url, auth=AUTH)
        # Write access comes from the bucket's ACL (inherited by the collection
        # and its records), given explicitly so that it holds whether or not
        # kinto.explicit_permissions gives each creator write on its objects.
        admin.create_bucket(id=BUCKET, permissions={"write": ["system.Authenticated"]})
        admin.create_collection(id=COLLECTION, bucket=BUCKET)

        n = len(records)
        if args.client == "kinto-http":
            push_s = push_kinto_http(server.url, records)
            pull_s, got = pull_kinto_http(server.url)
        else:
            push_s = push_raw(server.url, records, args.batch_max_requests)
            pull_s, got = pull_raw(server.url)

        if len(got) != n:
            raise BenchError(f"pull returned {len(got)} records, expected {n}")
        want = {rid for rid, _ in records}
        have = {r["id"] for r in got}
        if have != want:
            raise BenchError(f"pulled ids differ from pushed ids ({len(want - have)} missing)")
        sample = records[n // 2]
        pulled = next(r for r in got if r["id"] == sample[0])
        if pulled.get("payload") != sample[1]["payload"] or pulled.get("hlc") != sample[1]["hlc"]:
            raise BenchError("a pulled record's content differs from what was pushed")

        log(f"run {run_no}/{args.runs} [{args.backend}]: push {n} in {push_s:.2f} s "
            f"({n / push_s:,.0f} rec/s), pull {n} in {pull_s:.2f} s ({n / pull_s:,.0f} rec/s)")
        return push_s, pull_s
    finally:
        if server is not None:
            server.stop()
        if pg is not None:
            pg.stop()


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--backend", choices=("memory", "postgresql"), required=True)
    p.add_argument("--records", type=int, default=20000)
    p.add_argument("--record-bytes", type=int, default=320)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--batch-max-requests", type=int, default=1000,
                   help="kinto.batch_max_requests, and the size of each pushed batch (default 1000)")
    p.add_argument("--paginate-by", type=int, default=1000,
                   help="kinto.paginate_by: records per pulled page (default 1000)")
    p.add_argument("--threads", type=int, default=4,
                   help="waitress worker threads (default 4, waitress's own default)")
    p.add_argument("--client", choices=("kinto-http", "raw"), default="kinto-http",
                   help="kinto-http's Client (default), or plain requests to /v1/batch and Next-Page")
    p.add_argument("--explicit-permissions", action="store_true",
                   help="kinto.explicit_permissions = true (Kinto's default): every record gets its "
                        "own write ACE for its creator. Off by default here: events need no per-record "
                        "ACL, and the memory permission backend scans every ACE on each create")
    p.add_argument("--pg-bin", default=PG_BIN_DEFAULT)
    p.add_argument("--pg-conf", action="append", default=[], metavar="NAME=VALUE",
                   help="extra PostgreSQL setting for the throw-away cluster (repeatable), after "
                        f"the built-in {' '.join(PG_BASE_CONF)}; fsync and synchronous_commit "
                        "stay on unless set here")
    args = p.parse_args()
    if args.records < 1 or args.runs < 1 or args.batch_max_requests < 1 or args.paginate_by < 1:
        p.error("--records, --runs, --batch-max-requests and --paginate-by must be positive")
    for kv in args.pg_conf:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*=[A-Za-z0-9_.:/+-]+", kv):
            p.error(f"--pg-conf {kv!r}: expected NAME=VALUE without spaces or quotes")

    # kinto-http logs every batch sub-request at WARNING; keep stderr readable.
    logging.getLogger("kinto_http").setLevel(logging.ERROR)

    def on_term(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGHUP, on_term)

    records, mean_bytes = make_records(args.records, args.record_bytes)
    log(f"{args.records} records generated, mean compact JSON {mean_bytes:.1f} bytes; "
        f"backend {args.backend}, client {args.client}, batch {args.batch_max_requests}, "
        f"page {args.paginate_by}")

    info = {}
    push, pull, push_s, pull_s = [], [], [], []
    for i in range(1, args.runs + 1):
        ps, ls = one_run(args, records, i, info)
        push_s.append(round(ps, 3))
        pull_s.append(round(ls, 3))
        push.append(round(args.records / ps, 1))
        pull.append(round(args.records / ls, 1))

    kinto_v = metadata.version("kinto")
    out = {
        "peer": "kinto",
        "kinto": kinto_v,
        "kintoHttp": metadata.version("kinto-http"),
        "backend": args.backend,
        "records": args.records,
        "recordBytes": args.record_bytes,
        "meanRecordBytes": round(mean_bytes, 1),
        "batchMaxRequests": args.batch_max_requests,
        "paginateBy": args.paginate_by,
        "client": args.client,
        "explicitPermissions": args.explicit_permissions,
        "push": push,
        "pull": pull,
        "pushSeconds": push_s,
        "pullSeconds": pull_s,
        "server": (f"kinto start (pserve + waitress {metadata.version('waitress')}, "
                   f"{args.threads} threads), loopback"),
    }
    if args.backend == "postgresql":
        out["postgres"] = info.get("postgres")
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as e:
        print(f"kinto_bench: error: {e}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("kinto_bench: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:  # e.g. a KintoException from kinto-http
        import traceback
        traceback.print_exc()
        print(f"kinto_bench: error: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
